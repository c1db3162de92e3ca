using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Delivers the outbox: each entry through the <see cref="IAlertDestination"/> of its scheme, oldest first per
/// destination, with the entry's stable dedupe key on every attempt (a Discord nonce: a retry after a lost answer
/// posts nothing twice). Delivered: done. Retry later: exponential back-off with jitter
/// (<c>Monitor:DeliveryRetryMin</c> doubling up to <c>Monitor:DeliveryRetryMax</c>), never sooner than the
/// platform's Retry-After. Blocked (no permission, unknown channel, platform off): kept and tried every
/// <c>Monitor:BlockedRetryEvery</c>, the problem shown by <c>/alerts list</c>. One log line per change of a
/// destination's problem, not one per attempt. Entries survive restarts: they live in the store until delivered.
/// </summary>
public sealed partial class OutboxDispatcher(
    MonitorCatalog catalog,
    IMonitorStore store,
    OutboxSignal signal,
    SecretScrubber scrubber,
    TimeProvider timeProvider,
    IOptions<MonitorOptions> options,
    IOptions<StorageOptions> storageOptions,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int Batch = 100;

    // Shared store: few rows claimed at a time (all are sent well within one lease), and the store is looked at again
    // at least once per lease, since another replica's alerts and a dead replica's claims do not wake this one.
    private const int SharedBatch = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (catalog.Targets.Count == 0)
        {
            return; // the monitor is off
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? wait;
            try
            {
                await DeliverDueAsync(stoppingToken).ConfigureAwait(false);
                var next = await store.NextDueAsync(stoppingToken).ConfigureAwait(false);
                wait = next is { } due ? due - timeProvider.GetUtcNow() : null;
                if (store.IsShared && (wait is null || wait > storageOptions.Value.LeaseDuration))
                {
                    wait = storageOptions.Value.LeaseDuration;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (MonitorStoreException ex)
            {
                Log.StoreFailed(logger, ex);
                wait = store.IsShared ? storageOptions.Value.LeaseDuration : TimeSpan.FromMinutes(1);
            }
#pragma warning disable CA1031 // the loop's boundary: a bug in one pass must not stop the host (Discord, Telegram); the alerts stay queued
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Log.PassFailed(logger, ex);
                wait = TimeSpan.FromMinutes(1);
            }

            await signal.WaitAsync(wait, timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the entries due now; with a shared store, its claims on them are renewed while it works.</summary>
    internal async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (!store.IsShared)
        {
            await DeliverBatchAsync(Batch, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewClaimsAsync(renewing.Token);
        try
        {
            await DeliverBatchAsync(SharedBatch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    private async Task RenewClaimsAsync(CancellationToken cancellationToken)
    {
        var every = storageOptions.Value.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, timeProvider, cancellationToken).ConfigureAwait(false);
                await store.RenewClaimsAsync(timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the pass is over
        }
        catch (MonitorStoreException ex)
        {
            Log.StoreFailed(logger, ex); // the claims run out; another replica may send these again (at most once more)
        }
    }

    private async Task DeliverBatchAsync(int batch, CancellationToken cancellationToken)
    {
        var due = await store.GetDueAsync(timeProvider.GetUtcNow(), batch, cancellationToken).ConfigureAwait(false);
        var heldBack = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in due)
        {
            if (heldBack.Contains(row.Destination))
            {
                continue; // an older entry for it failed just now: keep the order
            }

            if (!await AttemptAsync(row, cancellationToken).ConfigureAwait(false))
            {
                heldBack.Add(row.Destination);
            }
        }
    }

    private async Task<bool> AttemptAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var shown = catalog.Describe(row.Destination);
        var result = await TryDeliverAsync(row, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (result.Status == DeliveryStatus.Delivered)
        {
            var previous = await store.MarkDeliveredAsync(row, now, cancellationToken).ConfigureAwait(false);
            if (previous is not null)
            {
                Log.Working(logger, shown);
            }

            Log.Delivered(logger, row.Kind, row.Target ?? "-", shown, row.Attempts + 1);
            MonitorMetrics.AlertDelivered(row.Destination);
            return true;
        }

        var problem = scrubber.Scrub(result.Problem ?? (result.Status == DeliveryStatus.Blocked ? "The platform refused the alert." : "The platform did not take the alert."));
        if (result.Status == DeliveryStatus.Blocked)
        {
            MonitorMetrics.AlertBlocked(row.Destination);
        }

        var delay = result.Status == DeliveryStatus.Blocked ? options.Value.BlockedRetryEvery : Backoff(row.Attempts + 1, result.RetryAfter);
        var before = await store.MarkFailedAsync(row, now + delay, problem, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(before, problem, StringComparison.Ordinal))
        {
            if (result.Status == DeliveryStatus.Blocked)
            {
                Log.Blocked(logger, shown, problem, Seconds(delay));
            }
            else
            {
                Log.Retrying(logger, shown, problem, Seconds(delay));
            }
        }

        return false;
    }

    private async Task<DeliveryResult> TryDeliverAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var destination = catalog.Resolve(row.Destination);
        if (destination is null)
        {
            return DeliveryResult.Block("This destination is no longer in the configuration (a webhook removed from Monitor:Targets?). Its alerts wait until it is configured again.");
        }

        if (catalog.Handler(destination.Scheme) is not { } handler)
        {
            return DeliveryResult.Block($"No alert destination handles \"{destination.Scheme}\" in this build.");
        }

        if (!handler.IsAvailable)
        {
            return DeliveryResult.Block($"The {destination.Scheme} platform is not configured here (no token): set its token, and the waiting alerts go out.");
        }

        var alert = OutboxPayload.Read(row.Payload);
        if (alert is null)
        {
            return DeliveryResult.Block("The stored alert cannot be read (written by another version?).");
        }

        try
        {
            return await handler.DeliverAsync(new AlertDelivery(destination.Address, alert, row.DedupeKey, row.Attempts + 1), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a destination that throws is a bug there; the alert must stay queued, not be lost
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.DestinationThrew(logger, ex, destination.Scheme);
            return DeliveryResult.Retry($"Sending failed unexpectedly ({ex.GetType().Name}).");
        }
    }

    private static string Seconds(TimeSpan delay) => $"{Math.Max(1, (int)Math.Round(delay.TotalSeconds))} s";

    /// <summary>Exponential back-off with ±20% jitter, capped, and never sooner than <paramref name="retryAfter"/>.</summary>
    internal TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var delay = new JitteredBackoff(options.Value.DeliveryRetryMin, options.Value.DeliveryRetryMax, JitterLow: 0.8, JitterHigh: 1.2).Delay(attempt);
        return retryAfter is { } after && after > delay ? after : delay;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Alert ({Kind}, {Target}) delivered to {Destination} (attempt {Attempt}).")]
        public static partial void Delivered(ILogger logger, string kind, string target, string destination, int attempt);

        [LoggerMessage(2, LogLevel.Warning, "Alerts to {Destination} are not getting through: {Problem} They stay in the outbox; next try in {Delay}.")]
        public static partial void Retrying(ILogger logger, string destination, string problem, string delay);

        [LoggerMessage(3, LogLevel.Error, "Alerts to {Destination} are blocked: {Problem} They stay in the outbox (see /alerts list); tried again every {Delay}.")]
        public static partial void Blocked(ILogger logger, string destination, string problem, string delay);

        [LoggerMessage(4, LogLevel.Information, "Alerts to {Destination} get through again.")]
        public static partial void Working(ILogger logger, string destination);

        [LoggerMessage(5, LogLevel.Error, "The {Scheme} alert destination threw instead of answering; the alert stays queued.")]
        public static partial void DestinationThrew(ILogger logger, Exception exception, string scheme);

        [LoggerMessage(7, LogLevel.Error, "The outbox dispatcher failed unexpectedly; the alerts stay queued, trying again in a minute.")]
        public static partial void PassFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Error, "The outbox could not be read; the alerts stay queued, trying again shortly.")]
        public static partial void StoreFailed(ILogger logger, Exception exception);
    }
}
