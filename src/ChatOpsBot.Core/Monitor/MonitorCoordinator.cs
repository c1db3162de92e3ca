using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
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
    ILogger<MonitorCoordinator> logger)
{
    private readonly ConcurrentDictionary<string, TargetRecord> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly QuietHours _quiet = QuietHours.TryCreate(options.Value.QuietHours, out _) ?? QuietHours.None;
    private readonly AlertPolicy _policy = AlertPolicy.From(options.Value);
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

        var entries = new List<OutboxEntry>();
        if (intent is not null)
        {
            var alert = AlertComposer.Compose(target, intent, record, report, _policy, now).MapText(scrubber.Scrub);
            var payload = scrubber.ScrubJsonText(OutboxPayload.Write(alert));
            var subscriptions = await SubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            var destinations = target.Destinations.Select(d => d.StoreId)
                .Concat(subscriptions.Select(s => s.Destination))
                .Distinct(StringComparer.Ordinal);
            var kind = intent.Reason.ToString().ToLowerInvariant();
            entries.AddRange(destinations.Select(d => new OutboxEntry(d, target.Name, kind, NewDedupeKey(), payload, now)));
            if (entries.Count == 0)
            {
                Log.NoDestination(logger, target.Name, kind);
            }
            else
            {
                Log.Alerting(logger, target.Name, kind, verdict.Code, entries.Count);
            }
        }
        else if (before.State != record.State)
        {
            Log.StateChanged(logger, target.Name, before.State, record.State, verdict.Code, muted);
        }

        var row = new CheckRow(target.Name, now, passed, verdict.Code, report.Elapsed);
        if (store.IsShared)
        {
            _records[target.Name] = record; // kept here even while the database is down: the next check goes on from it
            await SaveSharedAsync(new PendingCheck(row, before, record, entries, now), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.RecordCheckAsync(row, record, entries, now, cancellationToken).ConfigureAwait(false);
            _records[target.Name] = record;
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

    /// <summary>Queues a test alert for <paramref name="destination"/> through the real outbox.</summary>
    public async Task QueueTestAsync(AlertDestinationRef destination, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var now = timeProvider.GetUtcNow();
        var alert = AlertComposer.Test(catalog.Describe(destination.StoreId), requestedBy, now).MapText(scrubber.Scrub);
        var payload = scrubber.ScrubJsonText(OutboxPayload.Write(alert));
        await store.EnqueueAsync([new OutboxEntry(destination.StoreId, null, "test", NewDedupeKey(), payload, now)], now, cancellationToken).ConfigureAwait(false);
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

        [LoggerMessage(3, LogLevel.Information, "Monitor: {Target} is now {State} (was {Previous}, verdict {Code}, muted {Muted}).")]
        public static partial void StateChanged(ILogger logger, string target, TargetState previous, TargetState state, string code, bool muted);
    }
}
