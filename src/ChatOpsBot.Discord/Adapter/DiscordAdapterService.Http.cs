using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Interactions;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Adapter;

// The adapter's entry for HTTP interactions (POST /discord/interactions), and the defer both paths share.
public sealed partial class DiscordAdapterService
{
    /// <summary>
    /// An HTTP interaction (signature already checked) handled like a gateway one on its own task, with its initial
    /// response going through <paramref name="responder"/>, which learns when the handler has ended (answered or not).
    /// False when the adapter is not running (off, or stopping).
    /// </summary>
    internal bool Dispatch(DiscordInteraction interaction, HttpInteractionResponder responder)
    {
        var stopping = _stopping;
        if (stopping.IsCancellationRequested)
        {
            return false;
        }

        Track(Task.Run(
            async () =>
            {
                try
                {
                    await HandleInteractionAsync(interaction, responder, stopping).ConfigureAwait(false);
                }
                finally
                {
                    responder.HandlerEnded(interaction);
                }
            },
            CancellationToken.None));
        return true;
    }

    /// <summary>Type 5, "thinking…" (only the EPHEMERAL flag may be set on it).</summary>
    private static Task DeferAsync(IInteractionResponder responder, DiscordInteraction interaction, bool ephemeral, CancellationToken cancellationToken) =>
        responder.RespondAsync(interaction, InteractionCallbackType.DeferredChannelMessageWithSource,
            ephemeral ? new JsonObject { ["flags"] = DiscordMessageBody.EphemeralFlag } : null, cancellationToken);
}
