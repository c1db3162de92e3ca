using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// Where an adapter receives the conversation's replies. Every text in a reply has passed the secret scrubber
/// before it arrives here. For a diagnosis the order is: <see cref="SendAsync"/> (a pending checklist), any number of
/// <see cref="UpdateAsync"/> (the latest checklist; never queued: changes made while one call runs are folded into
/// the next, so a slow or throttled sink simply sees fewer, newer states), then <see cref="FinishAsync"/>. To respect
/// a platform's edit limits, an adapter takes its time inside <see cref="UpdateAsync"/> (wait out its throttle, then
/// edit); <see cref="FinishAsync"/> is never called while an update is still running.
/// </summary>
public interface IReplySink
{
    /// <summary>Sends a new message (for an interaction: the first response).</summary>
    Task SendAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>Edits the message last sent with the latest progress.</summary>
    Task UpdateAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>Replaces the progress message with the final answer (or sends it, if nothing was sent yet).</summary>
    Task FinishAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>Deletes the user's message (a key posted in public). Returns false when the bot may not.</summary>
    Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken);
}
