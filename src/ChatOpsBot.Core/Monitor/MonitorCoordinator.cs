using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.StatusPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Runs one check of a target and acts on it: the state machine decides, the alert is composed and queued in the
/// outbox (one entry per destination: the target's own and every subscription) in the same store transaction as the
/// check and the new state, then the dispatcher is woken. State is loaded from the store at start, so a target that
/// was failing before a restart stays failing and is not alerted again.
/// </summary>
public sealed partial class MonitorCoordinator(
    MonitorCatalog catalog,
    IMonitorStore store,
    TargetChecker checker,
    OutboxSignal outbox,
    SecretScrubber scrubber,
    TimeProvider timeProvider,
    IOptions<MonitorOptions> options,
    IOptions<StorageOptions> storageOptions,
    ILogger<MonitorCoordinator> logger,
    StatusPageReader? statusPages = null,
    Revocation.RevokedKeyNotes? revokedNotes = null)
{
    private readonly ConcurrentDictionary<string, TargetRecord> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly QuietHours _quiet = QuietHours.TryCreate(options.Value.QuietHours, out _) ?? QuietHours.None;
    private readonly AlertPolicy _policy = AlertPolicy.From(options.Value);
    private readonly IncidentGroups _incidents = new(catalog, options.Value.FailuresBeforeAlert);
    private readonly Lock _incidentGate = new();
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private int _undeliveredOlder;

    /// <summary>The current state of <paramref name="target"/>.</summary>
    public TargetRecord Get(string target) => _records.TryGetValue(target, out var r) ? r : new TargetRecord();

    /// <summary>True when replicas share the store (PostgreSQL): targets are then checked under a lease.</summary>
    public bool IsShared => store.IsShared;

    /// <summary>Opens the store and loads every target's state.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var states = await store.LoadStatesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var target in catalog.Targets)
        {
            if (states.TryGetValue(target.Name, out var record))
            {
                _records[target.Name] = record;
            }
        }

        outbox.Wake(); // deliver what waited across the restart
    }

    /// <summary>Checks <paramref name="target"/> once and records the outcome.</summary>
    public async Task CheckAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (store.IsShared)
        {
            await CheckSharedAsync(target, cancellationToken).ConfigureAwait(false);
            return;
        }

        var report = await checker.CheckAsync(target, cancellationToken).ConfigureAwait(false);
        await RecordAsync(target, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies a finished diagnosis to the target's state and queues the alert it calls for.</summary>
    public async Task RecordAsync(MonitorTarget target, ProviderReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(report);
        var now = timeProvider.GetUtcNow();
        var verdict = report.Verdict;
        var passed = verdict.Severity < Severity.Error;
        var check = new CheckOutcome(now, passed, verdict.Code, verdict.Severity, verdict.Title);
        var mutes = await MutesAsync(now, cancellationToken).ConfigureAwait(false);
        var muted = mutes.ContainsKey(target.Name);
        var before = Get(target.Name);
        var (record, intent) = TargetStateMachine.Apply(before, check, _policy, muted, _quiet.IsQuiet(now));
        var (stored, grouped, ended) = ApplyIncident(target, report, before, ref record, ref intent, now);

        var entries = new List<OutboxEntry>();
        if (grouped.Count > 0)
        {
            entries.AddRange(await GroupEntriesAsync(grouped, now, cancellationToken).ConfigureAwait(false));
        }

        if (intent is not null)
        {
            var incidentLine = ended is { } e && statusPages is not null
                ? IncidentAlertComposer.EndedLine(e.Provider, e.Incident, await statusPages.ReadAsync(StatusPageCatalog.For(e.Provider), cancellationToken).ConfigureAwait(false), now)
                : null;
            var alert = AlertComposer.Compose(target, intent, record, report, _policy, now, incidentLine);
            if (intent.Reason != AlertReason.Recovered && revokedNotes is not null && await revokedNotes.TakeAsync(target.Key.Name, cancellationToken).ConfigureAwait(false) is { } why)
            {
                alert = alert with { Text = alert.Text + "\n" + why }; // the key was revoked by ChatOpsBot: say so
            }

            alert = alert.MapText(scrubber.Scrub);
            var payload = scrubber.ScrubJsonText(OutboxPayload.Write(alert));
            var subscriptions = await SubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            var destinations = target.Destinations.Select(d => d.StoreId)
                .Concat(subscriptions.Select(s => s.Destination))
                .Distinct(StringComparer.Ordinal);
            var kind = intent.Reason.ToString().ToLowerInvariant();
            var queued = entries.Count;
            entries.AddRange(destinations.Select(d => new OutboxEntry(d, target.Name, kind, NewDedupeKey(), payload, now)));
            if (entries.Count == queued)
            {
                Log.NoDestination(logger, target.Name, kind);
            }
            else
            {
                Log.Alerting(logger, target.Name, kind, verdict.Code, entries.Count - queued);
            }
        }
        else if (before.State != record.State)
        {
            Log.StateChanged(logger, target.Name, before.State, record.State, verdict.Code, muted);
        }

        if (passed && revokedNotes is not null)
        {
            await revokedNotes.TakeAsync(target.Key.Name, cancellationToken).ConfigureAwait(false); // it works again (a new key): the old reason no longer applies
        }

        var row = new CheckRow(target.Name, now, passed, verdict.Code, report.Elapsed);
        if (store.IsShared)
        {
            _records[target.Name] = record; // kept here even while the database is down: the next check goes on from it
            await SaveSharedAsync(new PendingCheck(row, before, stored, entries, now), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.RecordCheckAsync(row, stored, entries, now, cancellationToken).ConfigureAwait(false);
            _records[target.Name] = record;
        }

        foreach (var entry in entries)
        {
            MonitorMetrics.AlertQueued(entry.Destination);
        }

        if (entries.Count > 0)
        {
            outbox.Wake();
        }

        if (now - _lastPrune > TimeSpan.FromHours(1) && _unsaved.IsEmpty)
        {
            _lastPrune = now;
            var pruned = await store.PruneAsync(now - options.Value.HistoryRetention, cancellationToken).ConfigureAwait(false);
            if (pruned.UndeliveredOlder != _undeliveredOlder)
            {
                _undeliveredOlder = pruned.UndeliveredOlder;
                if (pruned.UndeliveredOlder > 0)
                {
                    Log.UndeliveredKept(logger, pruned.UndeliveredOlder, options.Value.HistoryRetention);
                }
            }
        }
    }

    /// <summary>
    /// A failing alert that names a provider incident joins the provider's incident group instead of going out alone
    /// (<see cref="IncidentGroups"/>); a held target is stored as not yet notified. Returns the record to store, the
    /// groups now ready to send, and, for a recovery after an incident alert, the incident whose end to report.
    /// </summary>
    private (TargetRecord Stored, IReadOnlyList<(ProviderId Provider, Finding Incident, IReadOnlyList<(MonitorTarget Target, ProviderReport Report, DateTimeOffset? Since)> Members)> Grouped, (ProviderId Provider, string Incident)? Ended) ApplyIncident(
        MonitorTarget target, ProviderReport report, TargetRecord before, ref TargetRecord record, ref AlertIntent? intent, DateTimeOffset now)
    {
        var incident = IncidentAlertComposer.IncidentOf(report);
        var stored = record;
        (ProviderId, string)? ended = null;
        lock (_incidentGate)
        {
            if (_incidents.IsHeld(target.Name))
            {
                intent = null;
                if (record.State == TargetState.Failing)
                {
                    if (incident is not null)
                    {
                        _incidents.Hold(target, report, incident, record.Since, now);
                    }

                    stored = record with { NotifiedCode = null, NotifiedSince = null, LastNotified = before.LastNotified };
                }
                else
                {
                    _incidents.Release(target.Name); // it works again before anyone was told it failed
                    record = record with { NotifiedCode = null, NotifiedSince = null };
                    stored = record;
                }
            }
            else if (intent is { Reason: AlertReason.Failing } && incident is not null)
            {
                _incidents.Hold(target, report, incident, intent.FailingSince, now);
                intent = null;
                stored = record with { NotifiedCode = null, NotifiedSince = null, LastNotified = before.LastNotified };
            }
            else if (intent is { Reason: AlertReason.Recovered })
            {
                ended = _incidents.TakeAlerted(target.Name);
            }
            else if (intent is not null && incident is not null)
            {
                _incidents.MarkAlerted(target.Name, target.Provider, incident);
            }

            var current = record;
            var grouped = _incidents.Due(name => string.Equals(name, target.Name, StringComparison.OrdinalIgnoreCase) ? current : Get(name), now);
            return (stored, grouped, ended);
        }
    }

    /// <summary>One alert per destination for each ready group, naming the group's targets that alert there.</summary>
    private async Task<List<OutboxEntry>> GroupEntriesAsync(
        IReadOnlyList<(ProviderId Provider, Finding Incident, IReadOnlyList<(MonitorTarget Target, ProviderReport Report, DateTimeOffset? Since)> Members)> groups,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var subscriptions = await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var subscribed = subscriptions.Select(s => s.Destination).ToHashSet(StringComparer.Ordinal);
        var entries = new List<OutboxEntry>();
        foreach (var (provider, incident, members) in groups)
        {
            var destinations = members.SelectMany(m => m.Target.Destinations.Select(d => d.StoreId)).Concat(subscribed).Distinct(StringComparer.Ordinal);
            foreach (var destination in destinations)
            {
                var here = subscribed.Contains(destination) ? members : [.. members.Where(m => m.Target.Destinations.Any(d => d.StoreId == destination))];
                var alert = IncidentAlertComposer.Group(provider, incident, here, now).MapText(scrubber.Scrub);
                var payload = scrubber.ScrubJsonText(OutboxPayload.Write(alert));
                entries.Add(new OutboxEntry(destination, here[0].Target.Name, "failing", NewDedupeKey(), payload, now));
            }

            Log.IncidentAlerting(logger, provider.DisplayName(), members.Count, string.Join(", ", members.Select(m => m.Target.Name)), entries.Count);
        }

        return entries;
    }

    /// <summary>Queues a test alert for <paramref name="destination"/> through the real outbox.</summary>
    public async Task QueueTestAsync(AlertDestinationRef destination, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var now = timeProvider.GetUtcNow();
        var alert = AlertComposer.Test(catalog.Describe(destination.StoreId), requestedBy, now).MapText(scrubber.Scrub);
        var payload = scrubber.ScrubJsonText(OutboxPayload.Write(alert));
        await store.EnqueueAsync([new OutboxEntry(destination.StoreId, null, "test", NewDedupeKey(), payload, now)], now, cancellationToken).ConfigureAwait(false);
        MonitorMetrics.AlertQueued(destination.StoreId);
        outbox.Wake();
    }

    /// <summary>20 random hex characters: unique per outbox entry, within Discord's 25-character nonce.</summary>
    private static string NewDedupeKey() => RandomNumberGenerator.GetHexString(20, lowercase: true);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Monitor: {Target} — {Kind} ({Code}); queued for {Count} destination(s).")]
        public static partial void Alerting(ILogger logger, string target, string kind, string code, int count);

        [LoggerMessage(2, LogLevel.Warning, "Monitor: {Target} — {Kind}, but it has no destination and nobody subscribed: the alert goes nowhere. Add Monitor:Targets:N:Destinations or use /alerts subscribe.")]
        public static partial void NoDestination(ILogger logger, string target, string kind);

        [LoggerMessage(10, LogLevel.Warning, "Monitor: {Count} undelivered alert(s) are older than Monitor:HistoryRetention ({Retention}); they are kept until delivered, not pruned. /alerts list shows where they wait and why.")]
        public static partial void UndeliveredKept(ILogger logger, int count, TimeSpan retention);

        [LoggerMessage(20, LogLevel.Error, "Monitor: the shared store is not reachable; checks go on here and their results and alerts wait in memory until it is back.")]
        public static partial void StoreDown(ILogger logger, Exception exception);

        [LoggerMessage(22, LogLevel.Information, "Monitor: another replica recorded a check of {Target} while this one ran; its result stands, this one is dropped.")]
        public static partial void Superseded(ILogger logger, string target);

        [LoggerMessage(21, LogLevel.Information, "Monitor: the shared store is reachable again; {Count} check(s) and their alerts saved.")]
        public static partial void StoreBack(ILogger logger, int count);

        [LoggerMessage(4, LogLevel.Warning, "Monitor: {Provider} incident — {Count} target(s) failing ({Targets}); one alert queued per destination ({Entries} in all).")]
        public static partial void IncidentAlerting(ILogger logger, string provider, int count, string targets, int entries);

        [LoggerMessage(3, LogLevel.Information, "Monitor: {Target} is now {State} (was {Previous}, verdict {Code}, muted {Muted}).")]
        public static partial void StateChanged(ILogger logger, string target, TargetState previous, TargetState state, string code, bool muted);
    }
}
