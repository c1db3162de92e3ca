using System.Diagnostics.Metrics;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Discord.Gateway;

namespace ChatOpsBot.Http.Metrics;

/// <summary>
/// The worker's own metrics: platform 429s (a static counter, free until listened to), and gauges read when
/// <c>/metrics</c> is scraped (the gateway's state and heartbeat latency, the oldest undelivered alert's age), which
/// exist only while the listener runs.
/// </summary>
internal sealed class HostMetrics : IDisposable
{
    public const string MeterName = "ChatOpsBot.Host";

    private static readonly Meter Shared = new(MeterName);

    private static readonly Counter<long> RateLimitedCounter = Shared.CreateCounter<long>(
        "chatopsbot.rest.rate_limited", "{response}", "429 answers from a chat platform's API, by platform and Discord rate-limit scope.");

    private readonly Meter _meter = new(MeterName + ".Instance");
    private double _oldestAlertAge = double.NaN; // NaN: not known (no store in use)

    /// <param name="gateway">The Discord gateway when it runs in this process, else null (no gateway series).</param>
    /// <param name="leases">The lease runner when the store is shared by replicas, else null (no lease series).</param>
    public HostMetrics(IDiscordGateway? gateway, LeaseHeldWork? leases = null)
    {
        if (leases is not null)
        {
            _meter.CreateObservableGauge("chatopsbot.lease.held", () => Held(leases), "{lease}",
                "1 while this replica holds the lease of a kind (discord-gateway, telegram-polling) and runs it, 0 while it stands by.");
        }

        if (gateway is not null)
        {
            _meter.CreateObservableGauge("chatopsbot.discord.gateway.state", () => GatewayStates(gateway), "{state}",
                "1 for the Discord gateway connection's current state, 0 for the others.");
            _meter.CreateObservableGauge("chatopsbot.discord.gateway.heartbeat.latency", () => Latency(gateway), "s",
                "Time between the last heartbeat and its acknowledgement.");
        }

        _meter.CreateObservableGauge("chatopsbot.alerts.oldest_undelivered.age", OldestAge, "s",
            "Age of the oldest alert still waiting in the outbox (0 when none waits).");
    }

    /// <summary>The per-process meter; the collector listens to it and to the static ones only.</summary>
    public Meter Meter => _meter;

    public static void RateLimited(string platform, string scope) =>
        RateLimitedCounter.Add(1, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("scope", scope));

    /// <summary>Set just before a scrape: null when the outbox is not in use.</summary>
    public void SetOldestAlertAge(TimeSpan? age) => Volatile.Write(ref _oldestAlertAge, age?.TotalSeconds ?? double.NaN);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> OldestAge() =>
        Volatile.Read(ref _oldestAlertAge) is var age && !double.IsNaN(age) ? [new Measurement<double>(age)] : [];

    private static IEnumerable<Measurement<int>> GatewayStates(IDiscordGateway gateway)
    {
        var current = gateway.State;
        foreach (var state in Enum.GetValues<GatewayState>())
        {
            yield return new Measurement<int>(state == current ? 1 : 0, new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));
        }
    }

    private static IEnumerable<Measurement<int>> Held(LeaseHeldWork leases) =>
        leases.Leases.Select(l => new Measurement<int>(l.Value ? 1 : 0, new KeyValuePair<string, object?>("kind", l.Key))); // the kind only: never shard ids or tokens

    private static IEnumerable<Measurement<double>> Latency(IDiscordGateway gateway) =>
        gateway is DiscordGatewayClient { Latency: { } latency } ? [new Measurement<double>(latency.TotalSeconds)] : [];
}
