using System.Diagnostics.Metrics;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// The alert outbox's metrics (System.Diagnostics.Metrics; free until a listener subscribes). The one label is the
/// destination's kind (<c>discord</c>, <c>discord-webhook</c>, <c>telegram</c>), never its id, URL or token.
/// </summary>
public static class MonitorMetrics
{
    public const string MeterName = "ChatOpsBot.Core";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Queued = Meter.CreateCounter<long>("chatopsbot.alerts.queued", "{alert}", "Alerts written to the outbox, by destination kind.");
    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>("chatopsbot.alerts.delivered", "{alert}", "Alerts a platform took, by destination kind.");
    private static readonly Counter<long> Blocked = Meter.CreateCounter<long>("chatopsbot.alerts.blocked", "{attempt}", "Delivery attempts a platform refused (no permission, platform off), by destination kind.");

    internal static void AlertQueued(string destination) => Queued.Add(1, Kind(destination));

    internal static void AlertDelivered(string destination) => Delivered.Add(1, Kind(destination));

    internal static void AlertBlocked(string destination) => Blocked.Add(1, Kind(destination));

    /// <summary>Only the scheme of a destination id (<c>discord:123</c> → <c>discord</c>), from a fixed set.</summary>
    private static KeyValuePair<string, object?> Kind(string destination)
    {
        var colon = destination.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? destination[..colon] : "";
        return new("destination", scheme is "discord" or "discord-webhook" or "telegram" ? scheme : "other");
    }
}
