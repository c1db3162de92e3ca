using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Store;

/// <summary>
/// Runs a piece of work (the Discord gateway, Telegram polling) only while this replica holds a named lease of the
/// shared store, so replicas with the same settings are hot standbys for each other instead of doing it twice.
/// <list type="bullet">
/// <item>Renewed every <see cref="StorageOptions.LeaseDuration"/>/3. A renewal refused (another replica holds it) stops
/// the work at once; a store that does not answer stops it once <c>now &gt;= last renewal + LeaseDuration - LeaseDuration/4</c>,
/// before anyone else may take the lease (fencing by time, on this process's clock: the quarter is the margin for
/// stopping the work and for clock skew between hosts). Then it tries to take the lease again every LeaseDuration/3.</item>
/// <item>A clean stop (the host shutting down) stops the work first, then gives the lease up so a standby takes over at
/// once; a replica that dies leaves a lease that runs out after LeaseDuration.</item>
/// <item>With a one-process store (SQLite) the work simply runs: nothing is started, asked or recorded.</item>
/// </list>
/// </summary>
public sealed partial class LeaseHeldWork(IMonitorStore store, IOptions<StorageOptions> options, TimeProvider time, ILogger<LeaseHeldWork> logger)
{
    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);

    /// <summary>True when the store is shared by several replicas, so work runs under a lease.</summary>
    public bool IsShared => store.IsShared;

    /// <summary>Each lease kind this process runs work under (the name up to its first <c>:</c>) and whether it holds it now.</summary>
    public IReadOnlyDictionary<string, bool> Leases => new Dictionary<string, bool>(_held, StringComparer.Ordinal);

    /// <summary>Called after each wait starts (lease name, length), so tests move a fake clock exactly then.</summary>
    internal Action<string, TimeSpan>? Waiting { get; set; }

    /// <summary>Whether this replica holds the lease of <paramref name="kind"/>; null when no work runs under one (one process, or not started).</summary>
    public bool? IsHeld(string kind) => _held.TryGetValue(kind, out var held) ? held : null;

    /// <summary>The lease's kind: its name up to the first <c>:</c> (<c>discord-gateway:0-3/8</c> → <c>discord-gateway</c>).</summary>
    public static string KindOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? name[..i] : name;
    }

    /// <summary>
    /// Runs <paramref name="work"/> while this replica holds lease <paramref name="name"/>, cancelling it when the lease
    /// is lost and starting it again when it is taken back, until <paramref name="cancellationToken"/> is cancelled or the
    /// work ends by itself. The work must stop soon after its token is cancelled. An exception from the work (other than
    /// its cancellation) gives the lease up and is thrown here.
    /// </summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!store.IsShared)
        {
            await work(cancellationToken).ConfigureAwait(false);
            return;
        }

        var kind = KindOf(name);
        var duration = options.Value.LeaseDuration;
        _held[kind] = false;
        var said = new Said();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await TryTakeAsync(name, duration, said, cancellationToken).ConfigureAwait(false) is not { } since)
                {
                    if (!said.Standby && !said.StoreDown)
                    {
                        Log.Standby(logger, kind, duration / 3);
                        said.Standby = true;
                    }

                    await DelayAsync(name, duration / 3, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                _held[kind] = true;
                said.Standby = false;
                said.StoreDown = false;
                Log.Taken(logger, kind);
                var finished = await HoldAsync(name, kind, since, duration, work, cancellationToken).ConfigureAwait(false);
                _held[kind] = false;
                if (finished)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown while standing by.
        }
        finally
        {
            _held[kind] = false;
        }
    }

    /// <summary>The margin kept before a lease's expiry: the work is stopped by then.</summary>
    internal static TimeSpan Margin(TimeSpan duration) => duration / 4;

    /// <summary>Takes (or renews) the lease; the time the request left when it is held, else null (held by another, or no store).</summary>
    private async Task<DateTimeOffset?> TryTakeAsync(string name, TimeSpan duration, Said said, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            // Nothing is held yet, so a slow answer (the first one opens and migrates the store) may take a whole lease.
            var asked = store.TryAcquireLeaseAsync(name, now, duration, cancellationToken).WaitAsync(duration, time, cancellationToken);
            if (!asked.IsCompleted)
            {
                Waiting?.Invoke(name, duration);
            }

            var held = await asked.ConfigureAwait(false);
            said.StoreDown = false;
            return held ? now : null;
        }
        catch (Exception ex) when (ex is MonitorStoreException or TimeoutException)
        {
            if (!said.StoreDown)
            {
                Log.StoreUnreachable(logger, KindOf(name), ex);
                said.StoreDown = true;
                said.Standby = false; // said again once the store answers and another replica holds it
            }

            return null;
        }
    }

    /// <summary>Runs the work while the lease is renewed; true when it ended for good (stopped or finished), false when the lease was lost.</summary>
    private async Task<bool> HoldAsync(string name, string kind, DateTimeOffset since, TimeSpan duration, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = StartAsync(work, stop.Token);
        var lastRenewal = since;
        var nextAttempt = since + (duration / 3);
        var lost = false;
        while (!running.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            var fence = lastRenewal + duration - Margin(duration);
            var wake = nextAttempt < fence ? nextAttempt : fence;
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var timer = Task.Delay(Max(wake - time.GetUtcNow(), TimeSpan.Zero), time, waiting.Token);
                Waiting?.Invoke(name, wake - time.GetUtcNow());
                await Task.WhenAny(running, timer).ConfigureAwait(false);
                await waiting.CancelAsync().ConfigureAwait(false);
            }

            var now = time.GetUtcNow();
            if (running.IsCompleted || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (now >= fence)
            {
                Log.Fenced(logger, kind, duration);
                lost = true;
                break;
            }

            try
            {
                var renewal = store.TryAcquireLeaseAsync(name, now, duration, cancellationToken).WaitAsync(fence - now, time, cancellationToken);
                if (!renewal.IsCompleted)
                {
                    Waiting?.Invoke(name, fence - now);
                }

                if (!await renewal.ConfigureAwait(false))
                {
                    Log.TakenByAnother(logger, kind);
                    lost = true;
                    break;
                }

                lastRenewal = now;
                nextAttempt = now + (duration / 3);
            }
            catch (Exception ex) when (ex is MonitorStoreException or TimeoutException)
            {
                Log.RenewFailed(logger, kind, ex);
                nextAttempt = time.GetUtcNow() + (duration / 6); // try again sooner; the fence still stops the work in time
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        _held[kind] = false; // not held from the moment the work is told to stop, so readiness never reports it past its end
        await stop.CancelAsync().ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The work stopped as asked.
        }
#pragma warning disable CA1031 // handed on below, once the lease is given up
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        if (lost && failure is null && !cancellationToken.IsCancellationRequested)
        {
            Log.Stopped(logger, kind);
            return false;
        }

        await ReleaseAsync(name, kind, duration).ConfigureAwait(false);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return true;
    }

    private async Task ReleaseAsync(string name, string kind, TimeSpan duration)
    {
        try
        {
            await store.ReleaseLeaseAsync(name, CancellationToken.None).WaitAsync(duration / 3, time).ConfigureAwait(false);
            Log.Released(logger, kind);
        }
        catch (Exception ex) when (ex is MonitorStoreException or TimeoutException)
        {
            Log.ReleaseFailed(logger, kind, duration);
        }
    }

    private static async Task StartAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the work's synchronous start runs off the renewal loop
        await work(cancellationToken).ConfigureAwait(false);
    }

    private async Task DelayAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        var delay = Task.Delay(wait, time, cancellationToken);
        Waiting?.Invoke(name, wait);
        await delay.ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>What one run has logged already, so a long wait is one line, not one per attempt.</summary>
    private sealed class Said
    {
        public bool Standby { get; set; }

        public bool StoreDown { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Lease {Kind}: this replica holds it and runs it.")]
        public static partial void Taken(ILogger logger, string kind);

        [LoggerMessage(2, LogLevel.Information, "Lease {Kind}: another replica holds it; this one stands by and asks again every {Every}.")]
        public static partial void Standby(ILogger logger, string kind, TimeSpan every);

        [LoggerMessage(3, LogLevel.Warning, "Lease {Kind}: another replica took it over; stopped here.")]
        public static partial void TakenByAnother(ILogger logger, string kind);

        [LoggerMessage(4, LogLevel.Warning, "Lease {Kind}: could not be renewed for most of Storage:LeaseDuration ({Duration}); stopped here before another replica may take it.")]
        public static partial void Fenced(ILogger logger, string kind, TimeSpan duration);

        [LoggerMessage(5, LogLevel.Warning, "Lease {Kind}: the store did not answer the renewal; trying again.")]
        public static partial void RenewFailed(ILogger logger, string kind, Exception exception);

        [LoggerMessage(6, LogLevel.Warning, "Lease {Kind}: the store did not answer; this replica stands by until it does.")]
        public static partial void StoreUnreachable(ILogger logger, string kind, Exception exception);

        [LoggerMessage(7, LogLevel.Information, "Lease {Kind}: stopped; it will be taken again when free.")]
        public static partial void Stopped(ILogger logger, string kind);

        [LoggerMessage(8, LogLevel.Information, "Lease {Kind}: given up, so a standby replica takes over at once.")]
        public static partial void Released(ILogger logger, string kind);

        [LoggerMessage(9, LogLevel.Warning, "Lease {Kind}: could not be given up (the store did not answer); a standby takes over once it runs out, within {Duration}.")]
        public static partial void ReleaseFailed(ILogger logger, string kind, TimeSpan duration);
    }
}
