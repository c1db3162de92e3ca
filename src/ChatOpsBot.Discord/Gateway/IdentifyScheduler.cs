using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// When each shard of this process may identify (DDOCS events/gateway.mdx#sharding-max-concurrency and
/// #session-start-limit-object):
/// <list type="bullet">
/// <item>Shards share the rate-limit key <c>shard_id % max_concurrency</c>; one identify per key per 5 s, different keys at once.</item>
/// <item>Across processes, without a database: a shard's first identify waits until <c>(shard_id / max_concurrency) × 5 s</c>
/// after its process started, so processes started together with disjoint <c>Discord:ShardIds</c> take turns bucket by
/// bucket, in order, as Discord asks. Later identifies (after op 9 or 4009) only keep the 5 s per key within this
/// process; should one still meet another process's, Discord answers op 9 and the shard tries again.</item>
/// <item>With <c>session_start_limit.remaining</c> at 0, every identify waits <c>reset_after</c> (logged): going over
/// the daily budget would reset the bot's token.</item>
/// </list>
/// <c>GET /gateway/bot</c> is asked at start and again when its answer is older than <see cref="InfoLifetime"/>; never
/// when <c>Discord:GatewayUrl</c> and <c>Discord:ShardCount</c> are both set (then max_concurrency is taken as 1).
/// </summary>
internal sealed partial class IdentifyScheduler(DiscordGatewayClient owner, DiscordRestClient rest) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan InfoLifetime = TimeSpan.FromSeconds(30);

    private readonly DiscordOptions _options = owner.Options;
    private readonly TimeProvider _time = owner.Time;
    private readonly ILogger _logger = owner.Logger;
    private readonly SemaphoreSlim _infoGate = new(1, 1);
    private readonly Dictionary<int, Bucket> _buckets = [];
    private readonly HashSet<int> _started = [];
    private readonly Lock _gate = new();
    private Uri? _gatewayUrl;
    private SessionStartLimit? _limit;
    private long _fetchedAt;
    private long _start;

    /// <summary><c>shards</c> from <c>GET /gateway/bot</c>, if it was asked.</summary>
    public int? RecommendedShards { get; private set; }

    public int MaxConcurrency => Math.Max(1, Volatile.Read(ref _limit)?.MaxConcurrency ?? 1);

    private bool NeedsInfo => _options.GatewayUrl is null || _options.ShardCount is null;

    public void Dispose()
    {
        _infoGate.Dispose();
        lock (_gate)
        {
            foreach (var bucket in _buckets.Values)
            {
                bucket.Dispose();
            }
        }
    }

    /// <summary>Asks <c>GET /gateway/bot</c> (when needed) and starts the clock the shards' first turns count from.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _start = _time.GetTimestamp();
    }

    /// <summary>The gateway URL was unreachable: ask <c>GET /gateway/bot</c> for it again before the next identify.</summary>
    public void ForgetGatewayUrl()
    {
        lock (_gate)
        {
            _gatewayUrl = null;
            _fetchedAt = 0;
        }
    }

    /// <summary>Waits until shard <paramref name="shardId"/> may identify; the turn holds its bucket until Identify leaves or the connection ends.</summary>
    public async Task<IdentifyTurn> WaitTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        Uri url;
        await _infoGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (_limit is { Remaining: <= 0 } limit)
            {
                Log.IdentifyBudgetSpent(_logger, limit.Total, limit.ResetAfter.TotalMinutes);
                await owner.DelayAsync("session-start-limit", limit.ResetAfter > TimeSpan.Zero ? limit.ResetAfter : TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
                _limit = limit with { Remaining = limit.Total };
            }

            url = _options.GatewayUrl ?? _gatewayUrl ?? throw new DiscordPayloadException("No gateway URL.");
        }
        finally
        {
            _infoGate.Release();
        }

        var concurrency = MaxConcurrency;
        bool first;
        lock (_gate)
        {
            first = _started.Add(shardId);
        }

        if (first && Window * (shardId / concurrency) - _time.GetElapsedTime(_start) is var turn && turn > TimeSpan.Zero)
        {
            Log.WaitingForTurn(_logger, shardId, turn.TotalSeconds, shardId % concurrency, concurrency);
            await owner.DelayAsync("identify-turn", turn, cancellationToken).ConfigureAwait(false);
        }

        Bucket bucket;
        lock (_gate)
        {
            var key = shardId % concurrency;
            if (!_buckets.TryGetValue(key, out bucket!))
            {
                _buckets[key] = bucket = new Bucket();
            }
        }

        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (bucket.LastIdentify is { } last && Window - _time.GetElapsedTime(last) is var wait && wait > TimeSpan.Zero)
            {
                await owner.DelayAsync("identify", wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }

        return new IdentifyTurn(this, bucket, url);
    }

    /// <summary>An Identify has left: its bucket's 5 s start now, and the day's budget is one smaller.</summary>
    internal void Identified(Bucket bucket)
    {
        bucket.LastIdentify = _time.GetTimestamp();
        lock (_gate)
        {
            if (_limit is { } l)
            {
                _limit = l with { Remaining = l.Remaining - 1 };
            }
        }
    }

    // Under _infoGate. A failure with Discord:GatewayUrl set is only logged (the URL is known; the limits are kept).
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!NeedsInfo || (_gatewayUrl is not null && _fetchedAt != 0 && _time.GetElapsedTime(_fetchedAt) < InfoLifetime))
        {
            return;
        }

        try
        {
            var info = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _gatewayUrl ??= info.Url;
                _limit = info.SessionStartLimit;
                _fetchedAt = _time.GetTimestamp();
            }

            RecommendedShards = info.Shards;
        }
        catch (Exception ex) when (_options.GatewayUrl is not null && ex is HttpRequestException or DiscordApiException { Status: not 401 })
        {
            Log.GatewayInfoKept(_logger, ex);
        }
    }

    /// <summary>The shards of one rate-limit key: one identify at a time, 5 s apart.</summary>
    internal sealed class Bucket : IDisposable
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public void Dispose() => Gate.Dispose();

        public long? LastIdentify { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(11, LogLevel.Error, "All {Total} identifies for today are used; waiting {Minutes} min for the reset rather than risk a token reset.")]
        public static partial void IdentifyBudgetSpent(ILogger logger, int total, double minutes);

        [LoggerMessage(31, LogLevel.Information, "Discord gateway shard {ShardId} waits {Seconds} s for its first identify: rate-limit key {Key} of max_concurrency {MaxConcurrency}, after the shards below it (in this process or another).")]
        public static partial void WaitingForTurn(ILogger logger, int shardId, double seconds, int key, int maxConcurrency);

        [LoggerMessage(34, LogLevel.Warning, "GET /gateway/bot failed; using Discord:GatewayUrl and the last session start limits.")]
        public static partial void GatewayInfoKept(ILogger logger, Exception exception);
    }
}
