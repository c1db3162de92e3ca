using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Testing.Monitor;

/// <summary>
/// A test double of the monitor behind <see cref="IMonitorControl"/>: real state in memory, kept by the contract's
/// rules — subscriptions are per destination (twice is <see cref="SubscriptionOutcome.AlreadySubscribed"/>), a
/// configured destination cannot be unsubscribed, mutes end at <c>now + duration</c> on the given clock, a test alert
/// waits for a destination until something delivers it (nothing does here). Destinations must look like
/// <c>discord:&lt;digits&gt;</c>, <c>telegram:&lt;integer&gt;</c> or <c>discord-webhook:&lt;https url&gt;</c>, as the real monitor checks.
/// </summary>
public sealed class InMemoryMonitorControl(TimeProvider time) : IMonitorControl
{
    private readonly Lock _lock = new();
    private readonly List<TargetStatus> _targets = [];
    private readonly Dictionary<string, List<string>> _configured = new(StringComparer.Ordinal);
    private readonly List<string> _subscribed = [];
    private readonly Dictionary<string, DateTimeOffset> _mutes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly List<(string Call, string Subject, string? RequestedBy)> _calls = [];

    public bool IsEnabled { get; set; } = true;

    /// <summary>When set, every call throws it (a broken store).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every call that changed something or queued something: (call, destination or target, requested by).</summary>
    public IReadOnlyList<(string Call, string Subject, string? RequestedBy)> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Adds a target as the monitor would report it (its mute comes from <see cref="MuteAsync"/>).</summary>
    public InMemoryMonitorControl WithTarget(TargetStatus target, params string[] configuredDestinations)
    {
        lock (_lock)
        {
            _targets.Add(target);
            foreach (var destination in configuredDestinations)
            {
                if (!_configured.TryGetValue(destination, out var names))
                {
                    _configured[destination] = names = [];
                }

                names.Add(target.Name);
            }
        }

        return this;
    }

    /// <summary>What the outbox learned from a failed delivery (<see cref="DeliveryStatus.Blocked"/>).</summary>
    public void Block(string destination, string problem)
    {
        lock (_lock)
        {
            _problems[destination] = problem;
        }
    }

    public Task<MonitorOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var targets = _targets.Select(t => t with { MutedUntil = _mutes.TryGetValue(t.Name, out var until) && until > now ? until : null }).ToList();
            var all = _targets.Select(t => t.Name).ToList();
            var destinations = _configured.Keys.Union(_subscribed, StringComparer.Ordinal).Union(_waiting.Keys, StringComparer.Ordinal)
                .Select(d => new DestinationStatus(
                    d,
                    _configured.ContainsKey(d),
                    _subscribed.Contains(d) ? all : _configured.TryGetValue(d, out var names) ? [.. names] : [],
                    _waiting.GetValueOrDefault(d),
                    _problems.GetValueOrDefault(d),
                    null))
                .ToList();
            return Task.FromResult(new MonitorOverview(targets, destinations, now));
        }
    }

    public Task<SubscriptionChange> SubscribeAsync(string destination, string requestedBy, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            if (Invalid(destination) is { } problem)
            {
                return Task.FromResult(new SubscriptionChange(SubscriptionOutcome.Invalid, problem));
            }

            if (_subscribed.Contains(destination))
            {
                return Task.FromResult(new SubscriptionChange(SubscriptionOutcome.AlreadySubscribed));
            }

            _subscribed.Add(destination);
            _calls.Add(("subscribe", destination, requestedBy));
            return Task.FromResult(new SubscriptionChange(SubscriptionOutcome.Added));
        }
    }

    public Task<SubscriptionChange> UnsubscribeAsync(string destination, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            if (_subscribed.Remove(destination))
            {
                _calls.Add(("unsubscribe", destination, null));
                return Task.FromResult(new SubscriptionChange(SubscriptionOutcome.Removed));
            }

            return Task.FromResult(new SubscriptionChange(_configured.ContainsKey(destination) ? SubscriptionOutcome.ConfiguredCannotRemove : SubscriptionOutcome.NotSubscribed));
        }
    }

    public Task<MuteChange> MuteAsync(string targetName, TimeSpan duration, string requestedBy, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            var known = _targets.Select(t => t.Name).ToList();
            var target = _targets.FirstOrDefault(t => string.Equals(t.Name, targetName, StringComparison.OrdinalIgnoreCase));
            if (target is null)
            {
                return Task.FromResult(new MuteChange(false, null, known));
            }

            _calls.Add((duration == TimeSpan.Zero ? "unmute" : "mute", target.Name, requestedBy));
            if (duration <= TimeSpan.Zero)
            {
                _mutes.Remove(target.Name);
                return Task.FromResult(new MuteChange(true, null, known));
            }

            var until = time.GetUtcNow() + duration;
            _mutes[target.Name] = until;
            return Task.FromResult(new MuteChange(true, until, known));
        }
    }

    public Task<TestAlertQueued> SendTestAlertAsync(string destination, string requestedBy, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            if (Invalid(destination) is { } problem)
            {
                return Task.FromResult(new TestAlertQueued(false, problem));
            }

            _waiting[destination] = _waiting.GetValueOrDefault(destination) + 1;
            _calls.Add(("test", destination, requestedBy));
            return Task.FromResult(new TestAlertQueued(true));
        }
    }

    /// <summary>A target as a test would describe it: its history decides availability and median as the monitor computes them.</summary>
    public static TargetStatus Target(string name, ProviderId provider, TargetState state, IReadOnlyList<CheckPoint> history, DateTimeOffset now, DateTimeOffset? since = null)
    {
        var day = history.Where(p => p.At > now - TimeSpan.FromHours(24) && p.At <= now).ToList();
        var last = history.Count == 0 ? null : history[^1];
        var latencies = day.Select(p => p.Latency).Order().ToList();
        TimeSpan? median = latencies.Count == 0 ? null
            : latencies.Count % 2 == 1 ? latencies[latencies.Count / 2]
            : (latencies[(latencies.Count / 2) - 1] + latencies[latencies.Count / 2]) / 2;
        return new TargetStatus(
            name,
            provider,
            state,
            last?.Code,
            last is null ? Severity.Info : last.Passed ? Severity.Ok : Severity.Error,
            last is null ? null : last.Passed ? "The key works" : "The key was rejected",
            last?.At,
            since,
            day.Count == 0 ? null : (double)day.Count(p => p.Passed) / day.Count,
            median,
            day.Count,
            null,
            day);
    }

    /// <summary>One check every <paramref name="every"/> over the last 24 hours; <paramref name="fails"/> says which fail.</summary>
    public static IReadOnlyList<CheckPoint> History(DateTimeOffset now, TimeSpan every, Func<DateTimeOffset, bool> fails, string failCode, TimeSpan latency)
    {
        var points = new List<CheckPoint>();
        for (var at = now - TimeSpan.FromHours(24) + every; at <= now; at += every)
        {
            var failed = fails(at);
            points.Add(new CheckPoint(at, !failed, failed ? failCode : "ok", latency + TimeSpan.FromMilliseconds(points.Count % 7 * 10)));
        }

        return points;
    }

    private static string? Invalid(string destination)
    {
        var colon = destination.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? destination : destination[..colon];
        var address = colon < 0 ? "" : destination[(colon + 1)..];
        return scheme switch
        {
            "discord" when address.Length > 0 && address.All(char.IsAsciiDigit) => null,
            "telegram" when long.TryParse(address, System.Globalization.CultureInfo.InvariantCulture, out _) => null,
            "discord-webhook" when address.StartsWith("https://", StringComparison.Ordinal) => null,
            _ => $"\"{scheme}\" destinations need a channel or chat id",
        };
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
