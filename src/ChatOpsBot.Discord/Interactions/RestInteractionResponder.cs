using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Interactions;

/// <summary>Gateway interactions: the initial response is <c>POST /interactions/{id}/{token}/callback</c>.</summary>
internal sealed class RestInteractionResponder(DiscordRestClient rest) : IInteractionResponder
{
    public Task RespondAsync(DiscordInteraction interaction, InteractionCallbackType type, JsonObject? data, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, type, data, cancellationToken);
}
