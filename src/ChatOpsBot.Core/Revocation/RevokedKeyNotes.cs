using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Revocation;

/// <summary>
/// Why a team key stopped working, when ChatOpsBot revoked it: kept in memory by team key name until the monitor's
/// next alert on that key says it ("revoked by ChatOpsBot after it was pasted in …"), or until a check passes again.
/// </summary>
public sealed class RevokedKeyNotes
{
    private readonly ConcurrentDictionary<string, string> _notes = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string teamKeyName, string note) => _notes[teamKeyName] = note;

    /// <summary>The note for <paramref name="teamKeyName"/>, removed; null when there is none.</summary>
    public string? Take(string teamKeyName) => _notes.TryRemove(teamKeyName, out var note) ? note : null;

    public string? Peek(string teamKeyName) => _notes.TryGetValue(teamKeyName, out var note) ? note : null;
}
