using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Interactions;

/// <summary>
/// How an interaction's one initial response (defer, message, modal, autocomplete choices) reaches Discord: over REST
/// for interactions from the gateway, or as the body of the answer to Discord's POST for HTTP interactions. Everything
/// after it (edits of <c>@original</c>, follow-ups) goes over REST either way.
/// </summary>
public interface IInteractionResponder
{
    /// <summary>Sends the initial response; completes once Discord has it (so an edit may follow).</summary>
    Task RespondAsync(DiscordInteraction interaction, InteractionCallbackType type, JsonObject? data, CancellationToken cancellationToken);
}
