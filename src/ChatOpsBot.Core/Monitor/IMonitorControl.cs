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
