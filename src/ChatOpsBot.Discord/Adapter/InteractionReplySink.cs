using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>
/// Answers a deferred interaction: the first reply and every later state PATCH <c>@original</c> (the live checklist,
/// then the final embed); a second separate message becomes a follow-up with the same visibility. Progress edits are
/// throttled to one per <c>editInterval</c>: an update inside the window is dropped, never queued, so the message
/// only ever shows the newest state, and the final answer always lands. The conversation layer never calls a sink
/// concurrently.
/// </summary>
internal sealed class InteractionReplySink(
    DiscordRestClient rest,
    DiscordInteraction interaction,
    bool ephemeral,
    TimeProvider time,
    TimeSpan editInterval) : IReplySink
{
    private bool _originalUsed;
    private long? _lastEdit;

    public async Task SendAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (!_originalUsed)
        {
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

        await EditOriginalAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public Task FinishAsync(Reply reply, CancellationToken cancellationToken) => EditOriginalAsync(reply, cancellationToken);

    /// <summary>A slash command's own text cannot be deleted: the adapter makes anything with a key ephemeral instead.</summary>
    public Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    private async Task EditOriginalAsync(Reply reply, CancellationToken cancellationToken)
    {
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, DiscordReplyRenderer.Render(reply), cancellationToken).ConfigureAwait(false);
        _originalUsed = true;
        _lastEdit = time.GetTimestamp();
    }
}
