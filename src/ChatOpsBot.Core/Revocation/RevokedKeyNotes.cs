using System.Collections.Concurrent;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Revocation;

/// <summary>
/// Why a team key stopped working, when ChatOpsBot revoked it: kept by team key name until the monitor's next alert on
/// that key says it ("revoked by ChatOpsBot after it was pasted in …"), or until a check passes again. Kept in the
/// monitor's store (SQLite or PostgreSQL) whenever the monitor uses one, so a restart, or another replica checking
/// the key, still says why; only when the store cannot take a note is it kept in this process's memory. Without
/// monitor targets and without a shared store no alert would ever say it: the note stays in memory and no file is made.
/// </summary>
public sealed partial class RevokedKeyNotes(
    TimeProvider timeProvider,
    ILogger<RevokedKeyNotes> logger,
    IMonitorStore? store = null,
    IOptions<MonitorOptions>? monitorOptions = null)
{
    private readonly ConcurrentDictionary<string, string> _notes = new(StringComparer.OrdinalIgnoreCase);

    private IMonitorStore? Store => store is not null && (store.IsShared || monitorOptions?.Value.Targets.Count > 0) ? store : null;

    public async Task AddAsync(string teamKeyName, string note, CancellationToken cancellationToken)
    {
        if (Store is { } kept)
        {
            try
            {
                await kept.SetRevocationNoteAsync(teamKeyName, note, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                _notes.TryRemove(teamKeyName, out _);
                return;
            }
            catch (MonitorStoreException ex)
            {
                Log.NotStored(logger, teamKeyName, ex.Message);
            }
        }

        _notes[teamKeyName] = note;
    }

    /// <summary>The note for <paramref name="teamKeyName"/>, removed; null when there is none (or the store cannot be asked now).</summary>
    public async Task<string?> TakeAsync(string teamKeyName, CancellationToken cancellationToken)
    {
        var local = _notes.TryRemove(teamKeyName, out var note) ? note : null;
        if (Store is { } kept)
        {
            try
            {
                return await kept.TakeRevocationNoteAsync(teamKeyName, cancellationToken).ConfigureAwait(false) ?? local;
            }
            catch (MonitorStoreException ex)
            {
                Log.NotRead(logger, teamKeyName, ex.Message); // the note stays in the store for a later alert
            }
        }

        return local;
    }

    /// <summary>The note for <paramref name="teamKeyName"/>, kept; null when there is none.</summary>
    public async Task<string?> PeekAsync(string teamKeyName, CancellationToken cancellationToken)
    {
        if (_notes.TryGetValue(teamKeyName, out var note))
        {
            return note;
        }

        return Store is { } kept ? await kept.GetRevocationNoteAsync(teamKeyName, cancellationToken).ConfigureAwait(false) : null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Revocation: the store did not take the note on the revoked team key {Name} ({Problem}); it is kept in this process only.")]
        public static partial void NotStored(ILogger logger, string name, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Revocation: the store could not be asked for a note on the team key {Name} ({Problem}); this alert goes without it.")]
        public static partial void NotRead(ILogger logger, string name, string problem);
    }
}
