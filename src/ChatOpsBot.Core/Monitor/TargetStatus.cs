using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Monitor;

/// <summary>One target as <c>/status</c> shows it.</summary>
/// <param name="Name">The target's configured name.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="State">Its alerting state.</param>
/// <param name="Code">The last verdict's code (<c>ok</c>, <c>auth.invalid_key</c>); null before the first check.</param>
/// <param name="Severity">The last verdict's severity.</param>
/// <param name="Title">The last verdict's title, for the table.</param>
/// <param name="LastCheck">When it was last checked.</param>
/// <param name="Since">When the current state began (first failure, or recovery).</param>
/// <param name="Availability">Share of passed checks over the last 24 hours (0–1); null with no checks.</param>
/// <param name="MedianLatency">Median check time over the last 24 hours; null with no checks.</param>
/// <param name="ChecksIn24Hours">How many checks the availability is based on.</param>
/// <param name="MutedUntil">When a mute ends; null when not muted.</param>
/// <param name="History">The last 24 hours of checks, oldest first, for a chart.</param>
public sealed record TargetStatus(
    string Name,
    ProviderId Provider,
    TargetState State,
    string? Code,
    Severity Severity,
    string? Title,
    DateTimeOffset? LastCheck,
    DateTimeOffset? Since,
    double? Availability,
    TimeSpan? MedianLatency,
    int ChecksIn24Hours,
    DateTimeOffset? MutedUntil,
    IReadOnlyList<CheckPoint> History);
