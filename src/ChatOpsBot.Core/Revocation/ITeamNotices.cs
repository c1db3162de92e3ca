using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Revocation;

/// <summary>Sends a notice about team keys to the team's alert destinations (the monitor's outbox implements it).</summary>
public interface ITeamNotices
{
    /// <summary>Queues <paramref name="notice"/> for the destinations of <paramref name="teamKeyNames"/>' targets and every subscription; the number queued.</summary>
    Task<int> QueueAsync(IReadOnlyList<string> teamKeyNames, Reply notice, CancellationToken cancellationToken);
}
