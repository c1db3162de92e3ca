using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Interactions;

/// <summary>
/// HTTP interactions: the handler's initial response becomes the body of the answer to Discord's POST. The handler
/// waits until that answer has been written, so its first edit of <c>@original</c> follows it. When the handler is
/// too slow, the endpoint answers with a fallback (a private defer, or no autocomplete choices); a later defer from the
/// handler is then a no-op, and any other initial response is refused as "already acknowledged", as Discord would.
/// </summary>
internal sealed class HttpInteractionResponder : IInteractionResponder
{
    private readonly TaskCompletionSource<JsonObject> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _fallback;

    /// <summary>The body to answer Discord's POST with (<c>{"type":N,"data":…}</c>).</summary>
    public Task<JsonObject> Answer => _answer.Task;

    public async Task RespondAsync(DiscordInteraction interaction, InteractionCallbackType type, JsonObject? data, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["type"] = (int)type };
        if (data is not null)
        {
            body["data"] = data.DeepClone();
        }

        if (!_answer.TrySetResult(body))
        {
            if (_fallback && type == InteractionCallbackType.DeferredChannelMessageWithSource)
            {
                return; // the endpoint deferred already (privately): edits of @original work as after our own defer
            }

            throw Refused(DiscordErrorCodes.InteractionAlreadyAcknowledged, "Interaction has already been acknowledged.");
        }

        if (!await _written.Task.WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Refused(DiscordErrorCodes.UnknownInteraction, "Unknown interaction"); // Discord hung up before it had our answer
        }
    }

    /// <summary>The endpoint answers in the handler's place (too slow); false when the handler answered after all.</summary>
    public bool TryFallback(JsonObject body)
    {
        _fallback = true;
        if (_answer.TrySetResult(body))
        {
            return true;
        }

        _fallback = false;
        return false;
    }

    /// <summary>
    /// The handler has ended. If it never answered (it failed first), the endpoint answers at once instead of waiting
    /// for its deadline: no choices for autocomplete, else a private note that the request could not be handled (a
    /// defer here would leave "thinking…" that nobody ever replaces).
    /// </summary>
    public void HandlerEnded(DiscordInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        _answer.TrySetResult(interaction.Type == InteractionType.ApplicationCommandAutocomplete
            ? new JsonObject { ["type"] = (int)InteractionCallbackType.AutocompleteResult, ["data"] = new JsonObject { ["choices"] = new JsonArray() } }
            : new JsonObject
            {
                ["type"] = (int)InteractionCallbackType.ChannelMessageWithSource,
                ["data"] = new JsonObject
                {
                    ["content"] = NotHandled,
                    ["flags"] = DiscordMessageBody.EphemeralFlag,
                    ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
                },
            });
    }

    /// <summary>What the user reads when their interaction could not be handled at all.</summary>
    public const string NotHandled = "Sorry, that request could not be handled. Run the command again; if it keeps happening, tell whoever runs this bot.";

    /// <summary>The answer was written to Discord (true) or could not be (false: the request was aborted).</summary>
    public void Written(bool ok) => _written.TrySetResult(ok);

    private static DiscordApiException Refused(int code, string message) =>
        new(400, code, message, "POST /discord/interactions (answer)");
}
