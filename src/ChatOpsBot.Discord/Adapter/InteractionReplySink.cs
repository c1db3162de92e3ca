using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>
/// Answers a deferred interaction: the first reply and every later state PATCH <c>@original</c> (the live checklist,
/// then the final embed); a second separate message becomes a follow-up with the same visibility. Progress edits are
/// throttled to one per <c>editInterval</c> per interaction, and to the process-wide <see cref="LiveEditBudget"/>
/// (a burst of diagnoses must not spend its time on checklists): a progress state over either limit is dropped,
/// never queued, so the message only ever shows the newest state. The final answer always lands, budget or not. The
/// conversation layer never calls a sink concurrently. An HTTP interaction's answer travels back in Discord's own
/// request, so Discord may not have taken it when the first edit of <c>@original</c> arrives (Unknown Message or
/// Unknown Webhook): that first edit is tried again, a few times within two seconds (<paramref name="answerMayLag"/>).
/// </summary>
internal sealed class InteractionReplySink(
    DiscordRestClient rest,
    DiscordInteraction interaction,
    bool ephemeral,
    TimeProvider time,
    TimeSpan editInterval,
    LiveEditBudget? liveEdits = null,
    bool answerMayLag = false) : IReplySink
{
    /// <summary>Waits before each retry of a first edit that came before Discord had the HTTP answer.</summary>
    internal static readonly TimeSpan[] AnswerLagRetries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1.5)];

    /// <summary>The wait reason reported to the rate limiter's observer while a first edit waits for Discord to take the answer.</summary>
    internal const string AnswerLagReason = "interaction answer not taken yet";

    private bool _originalTaken;
    private long? _lastEdit;

    public async Task SendAsync(Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!_originalTaken)
        {
            _originalTaken = true; // @original belongs to this message, shown now or by a later edit
            if (reply.Kind == ReplyKind.Progress && liveEdits?.TryTake() == false)
            {
                return; // dropped under load: "thinking…" stays until an update or the final answer
            }

            await EditOriginalAsync(reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = DiscordReplyRenderer.Render(reply, ephemeral ? DiscordMessageBody.EphemeralFlag : null);
        await rest.CreateFollowupAsync(interaction.ApplicationId, interaction.Token, body, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (_lastEdit is { } last && time.GetElapsedTime(last) < editInterval)
        {
            return; // dropped: a newer state comes with the next update or the final answer
        }

        if (liveEdits?.TryTake() == false)
        {
            return; // dropped under load, likewise
        }

        await EditOriginalAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public Task FinishAsync(Reply reply, CancellationToken cancellationToken) => EditOriginalAsync(reply, cancellationToken);

    /// <summary>A slash command's own text cannot be deleted: the adapter makes anything with a key ephemeral instead.</summary>
    public Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    private async Task EditOriginalAsync(Reply reply, CancellationToken cancellationToken)
    {
        _originalTaken = true;
        var body = DiscordReplyRenderer.Render(reply);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, body, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (DiscordApiException ex) when (answerMayLag && _lastEdit is null && attempt < AnswerLagRetries.Length
                && ex.Code is DiscordErrorCodes.UnknownMessage or DiscordErrorCodes.UnknownWebhook)
            {
                await rest.RateLimiter.DelayAsync(AnswerLagReason, AnswerLagRetries[attempt], cancellationToken).ConfigureAwait(false);
            }
        }

        _lastEdit = time.GetTimestamp();
    }
}
