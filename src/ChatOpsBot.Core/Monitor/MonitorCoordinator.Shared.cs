using System.Collections.Concurrent;
using ChatOpsBot.Core.Store;

namespace ChatOpsBot.Core.Monitor;

// Several replicas on one shared store (PostgreSQL): each target is checked by one replica at a time under a lease,
// its state read back from the store first (another replica may have checked it last); while the database is down,
// checks go on here and what they would write (history, state, alerts) waits in memory, in order, until it is back.
public sealed partial class MonitorCoordinator
{
    private readonly ConcurrentQueue<PendingCheck> _unsaved = new();
    private IReadOnlyDictionary<string, DateTimeOffset> _lastMutes = new Dictionary<string, DateTimeOffset>();
    private IReadOnlyList<SubscriptionRow> _lastSubscriptions = [];
    private int _storeDown;
    private int _flushing;

    /// <summary>Checks and alerts waiting in memory for the database (0 unless it is down).</summary>
    public int Unsaved => _unsaved.Count;

    /// <summary>
    /// How long one check holds its target's lease before renewing: at most <c>Storage:LeaseDuration</c> and 90% of
    /// the interval, so a replica that dies mid-check is taken over within two intervals.
    /// </summary>
    internal static TimeSpan TargetLease(TimeSpan interval, TimeSpan max) => interval * 0.9 < max ? interval * 0.9 : max;

    private async Task CheckSharedAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        var lease = "target:" + target.Name;
        var duration = TargetLease(target.Interval, storageOptions.Value.LeaseDuration);
        bool held;
        try
        {
            held = await store.TryAcquireLeaseAsync(lease, timeProvider.GetUtcNow(), duration, cancellationToken).ConfigureAwait(false);
        }
        catch (MonitorStoreException ex)
        {
            StoreDown(ex);
            held = true; // no database to agree with: check here, keep the result in memory
        }

        if (!held)
        {
            return; // another replica is checking it
        }

        try
        {
            await RefreshAsync(target, cancellationToken).ConfigureAwait(false);
            if (Get(target.Name).LastCheck is { } last && timeProvider.GetUtcNow() - last < target.Interval * 0.8)
            {
                return; // another replica checked it moments ago
            }

            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewal = RenewAsync(lease, duration, renewing.Token); // held until the result is recorded
            try
            {
                var report = await checker.CheckAsync(target, cancellationToken).ConfigureAwait(false);
                await RecordAsync(target, report, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await renewing.CancelAsync().ConfigureAwait(false);
                await renewal.ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MonitorStoreException)
            {
                // it runs out by itself
            }
        }
    }

    private async Task RefreshAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        if (!_unsaved.IsEmpty)
        {
            return; // this replica's newer state has not reached the store yet
        }

        try
        {
            if (await store.GetStateAsync(target.Name, cancellationToken).ConfigureAwait(false) is { } record)
            {
                _records[target.Name] = record;
            }
        }
        catch (MonitorStoreException ex)
        {
            StoreDown(ex);
        }
    }

    private async Task RenewAsync(string lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, timeProvider, cancellationToken).ConfigureAwait(false);
                await store.TryAcquireLeaseAsync(lease, timeProvider.GetUtcNow(), duration, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the check is over
        }
        catch (MonitorStoreException ex)
        {
            StoreDown(ex);
        }
    }

    private async Task<IReadOnlyDictionary<string, DateTimeOffset>> MutesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!store.IsShared)
        {
            return await store.GetMutesAsync(now, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return _lastMutes = await store.GetMutesAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (MonitorStoreException ex)
        {
            StoreDown(ex);
            return _lastMutes.Where(m => m.Value > now).ToDictionary(m => m.Key, m => m.Value, StringComparer.OrdinalIgnoreCase);
        }
    }

    private async Task<IReadOnlyList<SubscriptionRow>> SubscriptionsAsync(CancellationToken cancellationToken)
    {
        if (!store.IsShared)
        {
            return await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return _lastSubscriptions = await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MonitorStoreException ex)
        {
            StoreDown(ex);
            return _lastSubscriptions;
        }
    }

    /// <summary>Queues a check's writes and saves every waiting one, oldest first; what cannot be saved yet stays queued.</summary>
    private async Task SaveSharedAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        _unsaved.Enqueue(check);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the checks and alerts that waited in memory while the database was down; true when none is left.</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return false; // another check is saving them
        }

        try
        {
            var saved = 0;
            while (_unsaved.TryPeek(out var next))
            {
                try
                {
                    if (!await store.RecordCheckIfUnchangedAsync(next.Check, next.Before, next.Record, next.Alerts, next.Now, cancellationToken).ConfigureAwait(false))
                    {
                        Log.Superseded(logger, next.Check.Target);
                        _records.TryRemove(next.Check.Target, out _); // read back from the store before the next check
                    }
                }
                catch (MonitorStoreException ex)
                {
                    StoreDown(ex);
                    return false;
                }

                _unsaved.TryDequeue(out _);
                saved++;
            }

            if (Interlocked.Exchange(ref _storeDown, 0) == 1)
            {
                Log.StoreBack(logger, saved);
            }

            return true;
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }

    private void StoreDown(MonitorStoreException ex)
    {
        if (Interlocked.Exchange(ref _storeDown, 1) == 0)
        {
            Log.StoreDown(logger, ex);
        }
    }

    private sealed record PendingCheck(CheckRow Check, TargetRecord Before, TargetRecord Record, IReadOnlyList<OutboxEntry> Alerts, DateTimeOffset Now);
}
