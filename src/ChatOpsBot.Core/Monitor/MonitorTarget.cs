using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Monitor;

/// <summary>A validated target: its team key (where the value is read from), schedule and configured destinations.</summary>
/// <param name="Name">The target's name (also its team key's name).</param>
/// <param name="Key">The team key it checks.</param>
/// <param name="Deep">Whether the deep (1-token) check runs.</param>
/// <param name="Interval">Time between checks (each wait jittered by ±10%).</param>
/// <param name="Destinations">Where its alerts go, besides subscriptions.</param>
public sealed record MonitorTarget(string Name, TeamKey Key, bool Deep, TimeSpan Interval, IReadOnlyList<AlertDestinationRef> Destinations)
{
    public ProviderId Provider => Key.Provider;
}
