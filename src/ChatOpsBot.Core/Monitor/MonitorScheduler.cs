using ChatOpsBot.Diagnostics.Resilience;
using ChatOpsBot.Core.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Checks every target on its interval, on <see cref="TimeProvider"/>'s clock. Each target has its own loop, so its
/// checks never overlap; its first check is spread at random over its first interval and every wait is jittered by
/// ±10%, so targets do not all hit the providers at once; at most <c>Monitor:MaxConcurrency</c> checks run at a time.
/// The store is opened (created, migrated) at start: a bad file stops the start with an error naming it.
/// </summary>
public sealed partial class MonitorScheduler(
    MonitorCatalog catalog,
    MonitorCoordinator coordinator,
    TimeProvider timeProvider,
    IOptions<MonitorOptions> options,
    ILogger<MonitorScheduler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));

    private int _running;
    private int _peak;

    /// <summary>The most checks that ran at the same time since start (never above <c>Monitor:MaxConcurrency</c>).</summary>
    public int PeakConcurrency => Volatile.Read(ref _peak);

    /// <summary>
    /// Raised when a target's loop is parked on the clock: its check (if any) is finished and its timer is set, due at
    /// the given time. A test moving a fake clock advances only once every loop is parked.
    /// </summary>
    internal event Action<string, DateTimeOffset>? Scheduled;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (catalog.Targets.Count == 0)
        {
            Log.Off(logger);
            if (!coordinator.IsShared)
            {
                return;
            }

            // A shared store keeps chat results and check limits even with no targets: opened now, with back-off,
            // so a wrong connection string is said at start rather than at the first button press.
        }
        else if (!coordinator.IsShared)
        {
            await coordinator.LoadAsync(cancellationToken).ConfigureAwait(false); // a bad file stops the start
        }

        if (catalog.Targets.Count > 0)
        {
            Log.Starting(logger, catalog.Targets.Count, options.Value.MaxConcurrency);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (coordinator.IsShared && !await LoadSharedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        await Task.WhenAll(catalog.Targets.Select(t => RunTargetAsync(t, stoppingToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a shared store (PostgreSQL), trying again with back-off (1 s doubling to a minute) while it is not
    /// reachable, so replicas may start before their database; the rest of the bot (chat) runs meanwhile.
    /// </summary>
    private async Task<bool> LoadSharedAsync(CancellationToken stoppingToken)
    {
        var backoff = new JitteredBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), JitterLow: 0.8, JitterHigh: 1.2);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await coordinator.LoadAsync(stoppingToken).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (MonitorStoreException ex)
            {
                var delay = backoff.Delay(attempt);
                Log.StoreUnavailable(logger, ex.Message, Math.Max(1, (int)Math.Round(delay.TotalSeconds)));
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return false;
                }
            }
        }
    }

    private async Task RunTargetAsync(MonitorTarget target, CancellationToken stoppingToken)
    {
        try
        {
            await WaitAsync(target, Jitter(target.Interval, 0, 1), stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var running = Interlocked.Increment(ref _running);
                for (var peak = Volatile.Read(ref _peak); running > peak && Interlocked.CompareExchange(ref _peak, running, peak) != peak; peak = Volatile.Read(ref _peak))
                {
                }

                try
                {
                    await coordinator.CheckAsync(target, stoppingToken).ConfigureAwait(false);
                }
                catch (MonitorStoreException ex)
                {
                    Log.StoreFailed(logger, ex, target.Name);
                }
#pragma warning disable CA1031 // one target's unexpected failure must not stop the others: logged, tried again next interval
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    Log.CheckFailed(logger, ex, target.Name);
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                    _slots.Release();
                }

                await WaitAsync(target, Jitter(target.Interval, 0.9, 1.1), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private Task WaitAsync(MonitorTarget target, TimeSpan delay, CancellationToken stoppingToken)
    {
        var due = timeProvider.GetUtcNow() + delay;
        var wait = Task.Delay(delay, timeProvider, stoppingToken);
        Scheduled?.Invoke(target.Name, due);
        return wait;
    }

    /// <summary>A random share of <paramref name="interval"/> between <paramref name="low"/> and <paramref name="high"/>.</summary>
    private static TimeSpan Jitter(TimeSpan interval, double low, double high) => JitteredBackoff.Spread(interval, low, high);

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Monitor off: no Monitor:Targets configured.")]
        public static partial void Off(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Monitor: checking {Count} target(s), at most {MaxConcurrency} at a time.")]
        public static partial void Starting(ILogger logger, int count, int maxConcurrency);

        [LoggerMessage(3, LogLevel.Error, "Monitor: the check of {Target} failed unexpectedly; it runs again at its next interval.")]
        public static partial void CheckFailed(ILogger logger, Exception exception, string target);

        [LoggerMessage(5, LogLevel.Error, "Monitor: {Problem} Checks start once it answers; trying again in {Seconds} s.")]
        public static partial void StoreUnavailable(ILogger logger, string problem, int seconds);

        [LoggerMessage(4, LogLevel.Error, "Monitor: the result of {Target}'s check could not be stored; it runs again at its next interval.")]
        public static partial void StoreFailed(ILogger logger, Exception exception, string target);
    }
}
