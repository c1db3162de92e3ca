using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Interactions;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Adapter;

// The adapter's alert helpers: the warning when alerts cannot arrive in a channel, and target autocomplete.
public sealed partial class DiscordAdapterService
{
    /// <summary>
    /// An interaction's answer needs no channel permission, but an alert posted later does. After <c>/alerts subscribe</c>
    /// or <c>test</c> in a server channel, the interaction's <c>app_permissions</c> (the bot's permissions here) say
    /// whether alerts can arrive; if not, the user is told privately, now, what to grant.
    /// </summary>
    private async Task WarnIfAlertsCannotArriveAsync(DiscordInteraction interaction, string name, IReadOnlyDictionary<string, string> commandOptions, CancellationToken cancellationToken)
    {
        if (interaction.IsDirectMessage || interaction.AppPermissions is not { } granted || !access.MayManageAlerts(UserOf(interaction)))
        {
            return;
        }

        if (!CommandParser.AsksForAlertsHere(name, commandOptions))
        {
            return;
        }

        var missing = MissingForAlerts(granted, interaction.ChannelType);
        if (missing.Count == 0)
        {
            return;
        }

        var text = $"⚠️ Alerts cannot arrive in this channel yet: I lack {string.Join(", ", missing)} here. " +
            "Grant them to the bot in this channel's settings (Permissions); until then alerts wait, and /alerts list shows the problem.";
        var body = DiscordReplyRenderer.Render(new Reply { Kind = ReplyKind.Info, Text = text }, DiscordMessageBody.EphemeralFlag);
        await rest.CreateFollowupAsync(interaction.ApplicationId, interaction.Token, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The permissions a bot needs to post an alert embed in a channel (threads: Send Messages in Threads), by name.</summary>
    internal static IReadOnlyList<string> MissingForAlerts(ulong granted, int? channelType)
    {
        const ulong Administrator = 1UL << 3;
        if ((granted & Administrator) != 0)
        {
            return [];
        }

        var thread = channelType is 10 or 11 or 12;
        (ulong Bit, string Name)[] needed =
        [
            (1UL << 10, "View Channel"),
            thread ? (1UL << 38, "Send Messages in Threads") : (1UL << 11, "Send Messages"),
            (1UL << 14, "Embed Links"),
        ];
        return [.. needed.Where(n => (granted & n.Bit) == 0).Select(n => n.Name)];
    }

    /// <summary>
    /// Suggestions while a user types <c>/alerts mute|unmute target:</c> (type 8, within Discord's 3 seconds; no defer
    /// exists for autocomplete): the monitor's target names, for the team only; <c>/diagnose provider:</c> the provider
    /// words, once they are past Discord's fixed choices. Any other focused option gets none.
    /// </summary>
    private async Task AutocompleteAsync(DiscordInteraction interaction, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        var focused = Flatten(interaction.Data?.Options ?? []).FirstOrDefault(o => o.Focused);
        if (interaction.Data?.Name == CommandIds.Diagnose && focused?.Name == CommandIds.ProviderOption)
        {
            // Only registered so once the provider words pass Discord's 25 choices (DiscordCommands.ProviderOption).
            var providers = DiscordCommands.SuggestProviders(CommandIds.ProviderChoices, focused.StringValue);
            await responder.RespondAsync(interaction, InteractionCallbackType.AutocompleteResult, new JsonObject { ["choices"] = providers }, cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string> names = [];
        if (interaction.Data?.Name == CommandIds.Alerts && focused?.Name == CommandIds.TargetOption)
        {
            names = await conversation.SuggestTargetsAsync(UserOf(interaction), focused.StringValue, DiscordLimits.AutocompleteChoices, cancellationToken).ConfigureAwait(false);
        }

        var choices = new JsonArray([.. names.Where(n => n.Length is > 0 and <= DiscordLimits.ChoiceName).Select(n => (JsonNode)new JsonObject { ["name"] = n, ["value"] = n })]);
        await responder.RespondAsync(interaction, InteractionCallbackType.AutocompleteResult, new JsonObject { ["choices"] = choices }, cancellationToken).ConfigureAwait(false);
    }
}
