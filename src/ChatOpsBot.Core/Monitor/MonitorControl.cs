using ChatOpsBot.Core.Store;

namespace ChatOpsBot.Core.Monitor;

/// <summary><see cref="IMonitorControl"/> over the store: what <c>/status</c> and <c>/alerts …</c> show and change.</summary>
public sealed class MonitorControl(MonitorCatalog catalog, MonitorCoordinator coordinator, IMonitorStore store, TimeProvider timeProvider) : IMonitorControl
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    public bool IsEnabled => catalog.Targets.Count > 0;

    public async Task<MonitorOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!IsEnabled)
        {
            return new MonitorOverview([], [], now);
        }

        var mutes = await store.GetMutesAsync(now, cancellationToken).ConfigureAwait(false);
        // Replicas take turns checking each target: the shared store, not this process, knows every target's latest state.
        var shared = store.IsShared ? await store.LoadStatesAsync(cancellationToken).ConfigureAwait(false) : null;
        var targets = new List<TargetStatus>();
        foreach (var target in catalog.Targets)
        {
            var record = shared is not null && shared.TryGetValue(target.Name, out var saved) ? saved : coordinator.Get(target.Name);
            var checks = await store.GetChecksAsync(target.Name, now - Day, cancellationToken).ConfigureAwait(false);
            double? availability = checks.Count == 0 ? null : checks.Count(c => c.Passed) / (double)checks.Count;
            targets.Add(new TargetStatus(
                target.Name,
                target.Provider,
                record.State,
                record.Code,
                record.Severity,
                record.Title,
                record.LastCheck,
                record.Since,
                availability,
                Median(checks.Select(c => c.Latency).ToList()),
                checks.Count,
                mutes.TryGetValue(target.Name, out var until) ? until : null,
                [.. checks.Select(c => new CheckPoint(c.At, c.Passed, c.Code, c.Latency))]));
        }

        var subscriptions = await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var known = await store.GetDestinationsAsync(cancellationToken).ConfigureAwait(false);
        var ids = catalog.Targets.SelectMany(t => t.Destinations.Select(d => d.StoreId))
            .Concat(subscriptions.Select(s => s.Destination))
            .Concat(known.Select(k => k.Row.Destination))
            .Distinct(StringComparer.Ordinal);
        var allNames = catalog.Targets.Select(t => t.Name).ToList();
        var destinations = new List<DestinationStatus>();
        foreach (var id in ids)
        {
            var subscribed = subscriptions.Any(s => s.Destination == id);
            var configured = catalog.IsConfigured(id);
            var status = known.FirstOrDefault(k => k.Row.Destination == id);
            var problem = status.Row?.Problem ?? catalog.Problem(catalog.Resolve(id));
            destinations.Add(new DestinationStatus(
                catalog.Describe(id),
                configured,
                subscribed ? allNames : catalog.TargetsOf(id),
                status.Waiting,
                problem,
                status.Row?.LastDelivered));
        }

        return new MonitorOverview(targets, destinations, now);
    }

    public async Task<SubscriptionChange> SubscribeAsync(string destination, string requestedBy, CancellationToken cancellationToken)
    {
        var parsed = AlertDestinationRef.TryParse(destination);
        if (catalog.Problem(parsed) is { } problem)
        {
            return new SubscriptionChange(SubscriptionOutcome.Invalid, problem);
        }

        if (parsed!.IsSecret && !catalog.IsConfigured(parsed.StoreId))
        {
            return new SubscriptionChange(SubscriptionOutcome.Invalid,
                "A webhook URL is a secret: put it in Monitor:Targets:N:Destinations (through an environment variable or a secret file), not in chat.");
        }

        var added = await store.AddSubscriptionAsync(parsed.StoreId, requestedBy ?? "", timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new SubscriptionChange(added ? SubscriptionOutcome.Added : SubscriptionOutcome.AlreadySubscribed);
    }

    public async Task<SubscriptionChange> UnsubscribeAsync(string destination, CancellationToken cancellationToken)
    {
        var parsed = AlertDestinationRef.TryParse(destination);
        if (parsed is null)
        {
            return new SubscriptionChange(SubscriptionOutcome.Invalid, catalog.Problem(null));
        }

        if (await store.RemoveSubscriptionAsync(parsed.StoreId, cancellationToken).ConfigureAwait(false))
        {
            return new SubscriptionChange(SubscriptionOutcome.Removed);
        }

        return new SubscriptionChange(catalog.IsConfigured(parsed.StoreId) ? SubscriptionOutcome.ConfiguredCannotRemove : SubscriptionOutcome.NotSubscribed);
    }

    public async Task<MuteChange> MuteAsync(string targetName, TimeSpan duration, string requestedBy, CancellationToken cancellationToken)
    {
        var names = catalog.Targets.Select(t => t.Name).ToList();
        if (catalog.Find(targetName) is not { } target)
        {
            return new MuteChange(false, null, names);
        }

        DateTimeOffset? until = duration > TimeSpan.Zero ? timeProvider.GetUtcNow() + duration : null;
        await store.SetMuteAsync(target.Name, until, requestedBy ?? "", cancellationToken).ConfigureAwait(false);
        return new MuteChange(true, until, names);
    }

    public async Task<TestAlertQueued> SendTestAlertAsync(string destination, string requestedBy, CancellationToken cancellationToken)
    {
        var parsed = AlertDestinationRef.TryParse(destination);
        if (catalog.Problem(parsed) is { } problem)
        {
            return new TestAlertQueued(false, problem);
        }

        if (parsed!.IsSecret && !catalog.IsConfigured(parsed.StoreId))
        {
            return new TestAlertQueued(false, "Only a webhook configured in Monitor:Targets:N:Destinations can be tested.");
        }

        await coordinator.QueueTestAsync(parsed, requestedBy ?? "", cancellationToken).ConfigureAwait(false);
        return new TestAlertQueued(true);
    }

    private static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
