using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Resilience;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// The gateway of this process: its shards (<c>Discord:ShardIds</c> of <c>Discord:ShardCount</c>, or every shard
/// <c>GET /gateway/bot</c> recommends), one <see cref="GatewayShard"/> connection each, sharing the REST client, one
/// <see cref="IdentifyScheduler"/> and one stream of dispatches for the adapter. A server's events arrive on shard
/// <c>(guild_id &gt;&gt; 22) % shard_count</c>, DMs on shard 0 only (DDOCS events/gateway.mdx#sharding). A fatal close
/// on any shard stops them all: 4010, 4011 and the others are configuration errors that no reconnect fixes.
/// </summary>
public sealed partial class DiscordGatewayClient : IDiscordGateway, IDisposable
{
    public const int ZombieCloseCode = 4200; // anything but 1000/1001 keeps the session resumable

    private readonly DiscordRestClient _rest;
    private readonly IDisposable _tokenRegistration;
    private readonly Channel<GatewayDispatch> _dispatches = Channel.CreateUnbounded<GatewayDispatch>(); // one writer per shard
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GatewayShard[] _shards = [];
    private int _stopped;

    public DiscordGatewayClient(IOptions<DiscordOptions> options, DiscordRestClient rest, TimeProvider time, SecretScrubber scrubber, ILogger<DiscordGatewayClient> logger)
    {
        Options = options.Value;
        _rest = rest;
        Time = time;
        Logger = logger;
        Scrubber = scrubber;
        _tokenRegistration = scrubber.Register(Options.Token ?? "");
    }

    public ChannelReader<GatewayDispatch> Dispatches => _dispatches.Reader;

    /// <summary>Ready when every shard of this process is; otherwise the least advanced shard's state.</summary>
    public GatewayState State
    {
        get
        {
            var shards = Volatile.Read(ref _shards);
            if (shards.Length == 0)
            {
                return Volatile.Read(ref _stopped) == 1 ? GatewayState.Stopped : GatewayState.Disconnected;
            }

            var states = shards.Select(s => s.State).ToList();
            return states.Contains(GatewayState.Stopped) ? GatewayState.Stopped : states.Min();
        }
    }

    /// <summary>The first READY of this process's shards (the bot user and application are the same on all).</summary>
    public DiscordReady? Ready => Volatile.Read(ref _shards).Select(s => s.Ready).FirstOrDefault(r => r is not null);

    /// <summary>The shard ids this process runs (empty until the gateway starts).</summary>
    public IReadOnlyList<int> ShardIds => [.. Volatile.Read(ref _shards).Select(s => s.Id)];

    /// <summary>The shard count this process identifies with, once started.</summary>
    public int? ShardCount => Volatile.Read(ref _shards) is { Length: > 0 } shards ? shards[0].Count : null;

    /// <summary>Heartbeat ACKs received over the life of this client, on all shards.</summary>
    public long HeartbeatAcks => Volatile.Read(ref _shards).Sum(s => s.HeartbeatAcks);

    /// <summary>The slowest shard's last heartbeat round trip.</summary>
    public TimeSpan? Latency => Volatile.Read(ref _shards).Select(s => s.Latency).Max();

    /// <summary>
    /// Close each connection with 1000 when stopped, ending its session at once: set when the gateway runs under a lease
    /// of the shared store, so the replica that takes over identifies afresh and no stale session lingers.
    /// </summary>
    internal bool EndSessionsOnStop { get; set; }

    /// <summary>Where the first heartbeat falls in the interval, and other jittered waits: random in [0, 1). Tests fix it.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>Called just after any wait starts (reason, length), so tests advance fake time exactly then.</summary>
    internal Action<string, TimeSpan>? Waiting { get; set; }

    internal DiscordOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal SecretScrubber Scrubber { get; }

    internal IReadOnlyList<GatewayShard> Shards => Volatile.Read(ref _shards);

    internal int QueuedSendsInWindow => Volatile.Read(ref _shards).Sum(s => s.QueuedSendsInWindow);

    /// <summary>The shard that gets a server's events: <c>(guild_id &gt;&gt; 22) % shard_count</c>.</summary>
    public static int ShardFor(ulong guildId, int shardCount) => (int)((guildId >> 22) % (ulong)shardCount);

    public void Dispose()
    {
        foreach (var shard in Volatile.Read(ref _shards))
        {
            shard.Abort();
        }

        _tokenRegistration.Dispose();
    }

    public async IAsyncEnumerable<GatewayDispatch> ReadDispatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var d in _dispatches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return d;
        }
    }

    /// <summary>Completes when every shard of this process is READY or RESUMED.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(Volatile.Read(ref _shards).Select(s => s.WaitUntilReadyAsync(cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends through each shard's 115-per-60-s queue, once it is up: a payload naming a <c>guild_id</c> (op 8 and the
    /// like) on that server's shard, anything else (presence) on every shard of this process. At most 4096 bytes.
    /// </summary>
    public async Task SendAsync(int opcode, JsonNode? data, CancellationToken cancellationToken)
    {
        var bytes = Encode(opcode, data);
        if (bytes.Length > DiscordLimits.GatewayPayloadBytes)
        {
            throw new ArgumentException($"A gateway payload is at most {DiscordLimits.GatewayPayloadBytes} bytes; this one has {bytes.Length}.", nameof(data));
        }

        await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var shards = Volatile.Read(ref _shards);
        if (GuildOf(data) is { } guild)
        {
            var id = ShardFor(guild, shards[0].Count);
            var shard = shards.FirstOrDefault(s => s.Id == id)
                ?? throw new ArgumentException($"Server {guild} belongs to shard {id}, which another process runs.", nameof(data));
            await shard.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Task.WhenAll(shards.Select(s => s.SendAsync(bytes, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Runs this process's shards until cancelled. Throws <see cref="DiscordGatewayFatalException"/> when one closes fatally (the others are stopped first).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!Options.IsConfigured)
        {
            throw new InvalidOperationException("Discord is not configured (Discord:Token is not set).");
        }

        Volatile.Write(ref _stopped, 0); // run again after a stop (the lease taken back): new shards, new sessions
        try
        {
            using var scheduler = new IdentifyScheduler(this, _rest);
            await StartSchedulerAsync(scheduler, cancellationToken).ConfigureAwait(false);
            var shards = Plan(scheduler);
            Volatile.Write(ref _shards, shards);
            _started.TrySetResult();
            Log.Running(Logger, ShardIdList.Describe(shards.Select(s => s.Id).ToList()), shards[0].Count, scheduler.MaxConcurrency,
                shards[0].Id == 0 ? "this process" : "another process");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAll(shards.Select(s => RunShardAsync(s, stop))).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("The gateway was stopped.", ex, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _stopped, 1);
        }
    }

    internal void Publish(GatewayDispatch dispatch) => _dispatches.Writer.TryWrite(dispatch);

    internal async Task DelayAsync(string reason, TimeSpan wait, CancellationToken cancellationToken)
    {
        var delay = Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Time, cancellationToken);
        Waiting?.Invoke(reason, wait);
        await delay.ConfigureAwait(false);
    }

    // Equal jitter from 1 s doubling up to the cap: never below half the step, never above the cap.
    internal TimeSpan Backoff(int failures) =>
        new JitteredBackoff(TimeSpan.FromSeconds(1), Options.ReconnectBackoffCap, JitterLow: 0.5, JitterHigh: 1.0, MaxDoublings: 16).Delay(failures, Jitter());

    internal static byte[] Encode(int op, JsonNode? d) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["op"] = op, ["d"] = d?.DeepClone() }.ToJsonString());

    private static async Task RunShardAsync(GatewayShard shard, CancellationTokenSource stop)
    {
        try
        {
            await shard.RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false); // one shard's fatal close stops the others
            throw;
        }
    }

    // GET /gateway/bot (unless Discord:GatewayUrl and Discord:ShardCount make it unneeded), retried with back-off.
    private async Task StartSchedulerAsync(IdentifyScheduler scheduler, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; )
        {
            try
            {
                await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DiscordApiException ex) when (ex.Status == 401)
            {
                throw GatewayShard.Fatal(Logger, "all shards", 401);
            }
            catch (Exception ex) when (ex is HttpRequestException or DiscordApiException or TimeoutException or DiscordPayloadException)
            {
                failures++;
                Log.GatewayBotFailed(Logger, ex, failures);
                await DelayAsync("reconnect", Backoff(failures), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private GatewayShard[] Plan(IdentifyScheduler scheduler)
    {
        var count = Options.ShardCount ?? scheduler.RecommendedShards ?? 1;
        var ids = Options.ConfiguredShardIds();
        if (ids is null && count > ShardIdList.MaxPerProcess)
        {
            throw ShardConfigurationError($"GET /gateway/bot recommends {count} shards, more than one process runs ({ShardIdList.MaxPerProcess}). Set Discord:ShardCount and give each process its Discord:ShardIds.");
        }

        ids ??= [.. Enumerable.Range(0, count)];
        if (ids[^1] >= count)
        {
            var beyond = ShardIdList.Describe(ids.Where(i => i >= count).ToList());
            throw ShardConfigurationError(Options.ShardCount is null
                ? $"Discord:ShardIds names shard(s) {beyond}, but GET /gateway/bot recommends {count} shard(s) (ids 0-{count - 1}). Set Discord:ShardCount to the count all processes share."
                : $"Discord:ShardIds names shard(s) {beyond}, but Discord:ShardCount is {count}.");
        }

        return [.. ids.Select(id => new GatewayShard(this, id, count, scheduler))];
    }

    private DiscordGatewayFatalException ShardConfigurationError(string problem)
    {
        Log.BadShards(Logger, problem);
        return new DiscordGatewayFatalException(4010, "Discord gateway stopped: " + problem);
    }

    private static ulong? GuildOf(JsonNode? data) =>
        data is JsonObject o && o["guild_id"] is JsonValue v
            && (v.TryGetValue<ulong>(out var n) || (v.TryGetValue<string>(out var s) && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n)))
            ? n
            : null;

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Discord gateway: this process runs shard(s) {ShardIds} of {ShardCount} (max_concurrency {MaxConcurrency}); DMs arrive on shard 0, run by {DirectMessages}.")]
        public static partial void Running(ILogger logger, string shardIds, int shardCount, int maxConcurrency, string directMessages);

        [LoggerMessage(32, LogLevel.Critical, "Discord gateway not started: {Problem}")]
        public static partial void BadShards(ILogger logger, string problem);

        [LoggerMessage(33, LogLevel.Warning, "GET /gateway/bot failed (attempt {Attempt}); trying again.")]
        public static partial void GatewayBotFailed(ILogger logger, Exception exception, int attempt);
    }
}
