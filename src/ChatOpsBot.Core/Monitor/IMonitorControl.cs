using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// What chat commands (<c>/status</c>, <c>/alerts …</c>) may ask of the monitor. The monitor implements it over its
/// store; the conversation layer renders the answers. Destinations are the strings of
/// <c>Monitor:Targets:N:Destinations:M</c> (<c>discord:&lt;channel id&gt;</c>, <c>telegram:&lt;chat id&gt;</c>, …).
/// Nothing here carries a key.
/// </summary>
public interface IMonitorControl
{
    /// <summary>False when no target is configured (or the monitor is off): commands say so instead of showing empty tables.</summary>
    bool IsEnabled { get; }

    /// <summary>Every target's state and the last 24 hours, and every destination with what waits for it.</summary>
    Task<MonitorOverview> GetOverviewAsync(CancellationToken cancellationToken);

    /// <summary>Sends every target's alerts to <paramref name="destination"/> too (in addition to its configured ones).</summary>
    Task<SubscriptionChange> SubscribeAsync(string destination, string requestedBy, CancellationToken cancellationToken);

    /// <summary>Stops alerts to <paramref name="destination"/> that came from a subscription (configured ones stay).</summary>
    Task<SubscriptionChange> UnsubscribeAsync(string destination, CancellationToken cancellationToken);

    /// <summary>Holds a target's alerts until <c>now + duration</c> (checks go on; the state is kept). Zero unmutes.</summary>
    Task<MuteChange> MuteAsync(string targetName, TimeSpan duration, string requestedBy, CancellationToken cancellationToken);

    /// <summary>Queues a test alert to <paramref name="destination"/> through the real outbox path.</summary>
    Task<TestAlertQueued> SendTestAlertAsync(string destination, string requestedBy, CancellationToken cancellationToken);
}

/// <summary>A target's alerting state.</summary>
public enum TargetState
{
    /// <summary>Not checked yet since start.</summary>
    Unknown,

    /// <summary>The last check passed.</summary>
    Healthy,

    /// <summary>Failing, but fewer times in a row than <c>Monitor:FailuresBeforeAlert</c>: no alert yet.</summary>
    Pending,

    /// <summary>Failing and alerted.</summary>
    Failing,
}

/// <summary>The answer to <see cref="IMonitorControl.GetOverviewAsync"/>.</summary>
public sealed record MonitorOverview(IReadOnlyList<TargetStatus> Targets, IReadOnlyList<DestinationStatus> Destinations, DateTimeOffset Now);

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

/// <summary>One check in the history.</summary>
public sealed record CheckPoint(DateTimeOffset At, bool Passed, string Code, TimeSpan Latency);

/// <summary>A destination as <c>/alerts list</c> shows it.</summary>
/// <param name="Destination">The destination, safe to show (a webhook URL without its token).</param>
/// <param name="FromConfig">True when configured for a target; false when it came from <c>/alerts subscribe</c>.</param>
/// <param name="Targets">The targets whose alerts go there.</param>
/// <param name="Waiting">Alerts queued for it and not yet delivered.</param>
/// <param name="Problem">Why the last delivery failed (missing permission, platform not configured…); null when fine.</param>
/// <param name="LastDelivered">When an alert last reached it.</param>
public sealed record DestinationStatus(
    string Destination,
    bool FromConfig,
    IReadOnlyList<string> Targets,
    int Waiting,
    string? Problem,
    DateTimeOffset? LastDelivered);

/// <summary>What a subscribe or unsubscribe did.</summary>
public enum SubscriptionOutcome
{
    Added,
    AlreadySubscribed,
    Removed,
    NotSubscribed,

    /// <summary>Configured in <c>Monitor:Targets</c>: only the configuration can remove it.</summary>
    ConfiguredCannotRemove,

    /// <summary>The destination's platform is not configured or its form is wrong.</summary>
    Invalid,
}

public sealed record SubscriptionChange(SubscriptionOutcome Outcome, string? Problem = null);

/// <summary>What a mute did; <see cref="Until"/> is null when unmuted or the target is unknown.</summary>
public sealed record MuteChange(bool TargetFound, DateTimeOffset? Until, IReadOnlyList<string> KnownTargets);

/// <summary>A test alert was queued; <see cref="Problem"/> says why it cannot be (unknown destination form, platform off).</summary>
public sealed record TestAlertQueued(bool Queued, string? Problem = null);
