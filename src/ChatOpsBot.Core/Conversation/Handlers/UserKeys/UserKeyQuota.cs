using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation.Handlers.UserKeys;

/// <summary>
/// How many of a user's own keys one message may have checked: at most <see cref="ConversationOptions.MaxKeysPerMessage"/>
/// per message, and for rate-limited users what the hourly limit grants. When replicas share a store (PostgreSQL) the
/// limit is counted there, once for all replicas; otherwise by <see cref="UserKeyLimiter"/> in this process. While the
/// shared store cannot be asked (down, or slower than <see cref="StoreTimeout"/>) this process's own limiter decides,
/// so nobody goes unlimited and nobody waits: a user may then get the limit once per replica, for the outage only.
/// </summary>
public sealed partial class UserKeyQuota(
    UserKeyLimiter limiter,
    TimeProvider timeProvider,
    IOptions<AccessOptions> accessOptions,
    IOptions<ConversationOptions> options,
    ILogger<UserKeyQuota> logger,
    IMonitorStore? store = null)
{
    /// <summary>How long the shared store may take to answer before this process's limiter decides instead.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(3);

    private int _storeDown;

    /// <summary>Keys one message may have checked.</summary>
    public int MaxKeysPerMessage => options.Value.MaxKeysPerMessage;

    /// <summary>Takes up to <paramref name="wanted"/> checks for <paramref name="user"/> (users outside the limit get all).</summary>
    public async Task<UserKeyGrant> AcquireAsync(ChatUser user, int wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (wanted == 0 || !AccessPolicy.IsRateLimited(user))
        {
            return new UserKeyGrant(wanted, null, null);
        }

        var (granted, retryAt) = await TakeAsync(user.LimiterKey, wanted, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (granted == 0)
        {
            return new UserKeyGrant(0, ConversationTexts.RateLimited(retryAt!.Value, now, accessOptions.Value.UserKeyChecksPerHour), null);
        }

        return granted < wanted
            ? new UserKeyGrant(granted, null, $"{wanted - granted} key{(wanted - granted == 1 ? " was" : "s were")} not checked: you reached the hourly limit; try again in {ConversationTexts.Wait(retryAt!.Value - now)}.")
            : new UserKeyGrant(granted, null, null);
    }

    private async Task<(int Granted, DateTimeOffset? RetryAt)> TakeAsync(string user, int wanted, CancellationToken cancellationToken)
    {
        if (store is { IsShared: true } shared)
        {
            try
            {
                var taken = await BoundedStoreCall.RunAsync(
                    ct => shared.AcquireUserChecksAsync(user, wanted, accessOptions.Value.UserKeyChecksPerHour, UserKeyLimiter.Window, timeProvider.GetUtcNow(), ct),
                    StoreTimeout,
                    timeProvider,
                    cancellationToken).ConfigureAwait(false);
                if (Interlocked.Exchange(ref _storeDown, 0) == 1)
                {
                    Log.StoreBack(logger);
                }

                return taken;
            }
            catch (MonitorStoreException ex)
            {
                if (Interlocked.Exchange(ref _storeDown, 1) == 0)
                {
                    Log.StoreDown(logger, ex.Message);
                }
            }
        }

        var granted = limiter.Acquire(user, wanted, out var retryAt);
        return (granted, retryAt);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Check limit: the shared store cannot be asked ({Problem}); this process counts each user's checks itself until it is back.")]
        public static partial void StoreDown(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Information, "Check limit: the shared store answers again; the limit is shared by every replica once more.")]
        public static partial void StoreBack(ILogger logger);
    }
}
