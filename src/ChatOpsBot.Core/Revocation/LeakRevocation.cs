using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Diagnostics.Revocation;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Core.Revocation;

/// <summary>
/// After a key posted in public was deleted and its author told: revokes each key whose provider has revocation on
/// (<see cref="KeyRevocationService"/>), announces the result in the same place, and, when the key is one of the team's
/// keys, tells the team's alert destinations and leaves a note for the monitor's next alert on it.
/// </summary>
public sealed partial class LeakRevocation(
    KeyRevocationService revocation,
    TeamKeyRegistry teamKeys,
    RevokedKeyNotes notes,
    TimeProvider timeProvider,
    ILogger<LeakRevocation> logger,
    ITeamNotices? teamNotices = null)
{
    /// <summary>True when some provider's leaked keys are revoked.</summary>
    public bool IsEnabled => revocation.IsEnabled;

    /// <summary>Revokes and announces every revocable key of <paramref name="keys"/>; returns the results.</summary>
    public async Task<IReadOnlyList<RevocationResult>> HandleAsync(IncomingMessage message, IReadOnlyList<KeyCandidate> keys, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(sink);
        var results = new List<RevocationResult>();
        foreach (var key in keys)
        {
            if (key.Provider is not { } provider || key.Shape.IsAdminKey || !revocation.IsOn(provider))
            {
                continue;
            }

            var result = await revocation.RevokeAsync(provider, key.Value, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            await sink.SendAsync(LeakRevocationTexts.Announcement(result), cancellationToken).ConfigureAwait(false);
            if (result.Done || result.Outcome == RevocationOutcome.WouldRevoke)
            {
                await TellTheTeamAsync(message, key, result, cancellationToken).ConfigureAwait(false);
            }
        }

        return results;
    }

    private async Task TellTheTeamAsync(IncomingMessage message, KeyCandidate key, RevocationResult result, CancellationToken cancellationToken)
    {
        var leaked = key.Value.Trim();
        var names = teamKeys.All
            .Where(k => k.Provider == key.Provider && string.Equals(teamKeys.Read(k).Value?.Trim(), leaked, StringComparison.Ordinal))
            .Select(k => k.Name)
            .ToList();
        if (names.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var pastedIn = LeakRevocationTexts.PastedIn(message.User.Platform);
        if (result.Done)
        {
            foreach (var name in names)
            {
                await notes.AddAsync(name, LeakRevocationTexts.MonitorNote(pastedIn, now), cancellationToken).ConfigureAwait(false);
            }
        }

        var queued = teamNotices is null
            ? 0
            : await teamNotices.QueueAsync(names, LeakRevocationTexts.TeamNotice(result, names, pastedIn, now), cancellationToken).ConfigureAwait(false);
        Log.TeamKeyRevoked(logger, string.Join(", ", names), result.KeyShown, result.Outcome, queued);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Revocation: the leaked key {Key} is the team's key {Names} ({Outcome}); the team's notice went to {Count} destination(s).")]
        public static partial void TeamKeyRevoked(ILogger logger, string names, string key, RevocationOutcome outcome, int count);
    }
}
