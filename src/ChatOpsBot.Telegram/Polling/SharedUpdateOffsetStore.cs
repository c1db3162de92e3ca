using System.Globalization;
using ChatOpsBot.Core.Store;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// The offset of replicas that share a store (PostgreSQL): kept there under <c>telegram-offset:&lt;bot id&gt;</c>, so
/// the replica that takes polling over after a kill starts where the last one got and handles nothing twice. Each
/// checkpoint also goes to this replica's own <paramref name="local"/> store (the file). The shared store never holds
/// polling up: each call is bounded (<see cref="CallLimit"/>); when it fails, one Warning line per new problem, the
/// local store is used alone, and the shared one is tried again after <see cref="RetryAfter"/>.
/// </summary>
public sealed partial class SharedUpdateOffsetStore(IMonitorStore store, IUpdateOffsetStore local, TimeProvider timeProvider, ILogger<SharedUpdateOffsetStore> logger)
    : IUpdateOffsetStore
{
    /// <summary>How long one call to the shared store may take before polling goes on without it.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(2);

    /// <summary>How long after a failure the shared store is left alone (saves go to the local store only).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private string? _problem;

    /// <summary>The name the checkpoint of <paramref name="botId"/> is kept under.</summary>
    public static string Key(long botId) => "telegram-offset:" + botId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The further of the shared and the local checkpoint (update ids grow: the further one is the later one).</summary>
    public async ValueTask<UpdateCheckpoint?> LoadAsync(long botId, CancellationToken cancellationToken)
    {
        UpdateCheckpoint? mine = null;
        try
        {
            mine = await local.LoadAsync(botId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the shared one is enough; if there is none either, Telegram starts at its oldest unconfirmed update
        }

        var shared = await CallAsync(async ct => UpdateCheckpoint.Parse(await store.GetCheckpointAsync(Key(botId), ct).ConfigureAwait(false)), force: true, cancellationToken)
            .ConfigureAwait(false);
        return shared is null ? mine : mine is null || shared.Offset >= mine.Offset ? shared : mine;
    }

    public async ValueTask SaveAsync(long botId, UpdateCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await CallAsync(async ct =>
        {
            await store.SetCheckpointAsync(Key(botId), checkpoint.Format(), timeProvider.GetUtcNow(), ct).ConfigureAwait(false);
            return checkpoint;
        }, force: false, cancellationToken).ConfigureAwait(false);
        await local.SaveAsync(botId, checkpoint, cancellationToken).ConfigureAwait(false); // its failures are the poller's to report
    }

    private async Task<UpdateCheckpoint?> CallAsync(Func<CancellationToken, Task<UpdateCheckpoint?>> call, bool force, CancellationToken cancellationToken)
    {
        if (!force && timeProvider.GetUtcNow() < _retryAt)
        {
            return null;
        }

        try
        {
            var result = await BoundedStoreCall.RunAsync(call, CallLimit, timeProvider, cancellationToken).ConfigureAwait(false);
            if (_problem is not null)
            {
                _problem = null;
                Log.Recovered(logger);
            }

            return result;
        }
#pragma warning disable CA1031 // whatever the shared store throws, polling goes on with the local store
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            _retryAt = timeProvider.GetUtcNow() + RetryAfter;

            // A store's own exceptions (a timeout included) say plainly what is wrong and hold no connection-string password; of others only the kind.
            var problem = ex is MonitorStoreException ? ex.Message : ex.GetType().Name;
            if (!string.Equals(problem, _problem, StringComparison.Ordinal))
            {
                _problem = problem;
                Log.Failed(logger, problem);
            }

            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Telegram: the shared store cannot keep the update offset ({Problem}); this replica keeps it in its own file meanwhile. If another replica takes polling over before the store is back, it may handle a few updates again. Said once per new problem.")]
        public static partial void Failed(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Information, "Telegram: the shared store keeps the update offset again.")]
        public static partial void Recovered(ILogger logger);
    }
}
