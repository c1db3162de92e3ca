using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
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
/// Gateway v10 over <see cref="ClientWebSocket"/> (JSON, no compression), following DDOCS events/gateway.mdx: Hello,
/// a jittered first heartbeat then one per interval, ACK tracking (a zombie is closed with 4200 and resumed), Identify
/// or Resume, op 7/op 9, the close-code table, the 120-per-60-s send limit and the session start limits. All timing goes
/// through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class DiscordGatewayClient : IDiscordGateway, IDisposable
{
    public const int ZombieCloseCode = 4200; // anything but 1000/1001 keeps the session resumable
    private const int MaxFrameBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);

    private readonly DiscordOptions _options;
    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDisposable _tokenRegistration;
    private readonly Channel<GatewayDispatch> _dispatches = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Queue<long> _identifies = new();
    private readonly GatewaySendLimiter _sendLimiter;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Connection? _connection;
    private Uri? _gatewayUrl;
    private SessionStartLimit? _startLimit;
    private int? _recommendedShards;
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequence = -1;
    private int _state;

    public DiscordGatewayClient(IOptions<DiscordOptions> options, DiscordRestClient rest, TimeProvider time, ILogger<DiscordGatewayClient> logger)
    {
        _options = options.Value;
        _rest = rest;
        _time = time;
        _logger = logger;
        _tokenRegistration = SecretScrubber.Shared.Register(_options.Token ?? "");
        _sendLimiter = new GatewaySendLimiter(time);
    }

    public ChannelReader<GatewayDispatch> Dispatches => _dispatches.Reader;

    public GatewayState State => (GatewayState)Volatile.Read(ref _state);

    public DiscordReady? Ready { get; private set; }

    /// <summary>The last non-null sequence number seen, or null.</summary>
    public int? Sequence => Interlocked.Read(ref _sequence) is var s and >= 0 ? (int)s : null;

    /// <summary>Heartbeat ACKs received over the life of this client.</summary>
    public long HeartbeatAcks => Interlocked.Read(ref _acks);

    /// <summary>The last heartbeat's round trip.</summary>
    public TimeSpan? Latency { get; private set; }

    /// <summary>Where the first heartbeat falls in the interval: random in [0, 1). Tests fix it.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>Called just after any wait starts (reason, length), so tests advance fake time exactly then.</summary>
    internal Action<string, TimeSpan>? Waiting { get; set; }

    internal int QueuedSendsInWindow => _sendLimiter.SentInWindow;

    private long _acks;

    public void Dispose()
    {
        _connection?.Socket.Dispose();
        _tokenRegistration.Dispose();
    }

    public async IAsyncEnumerable<GatewayDispatch> ReadDispatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var d in _dispatches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return d;
        }
    }

    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) =>
        State == GatewayState.Ready ? Task.CompletedTask : Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);

    public async Task SendAsync(int opcode, JsonNode? data, CancellationToken cancellationToken)
    {
        var bytes = Encode(opcode, data);
        if (bytes.Length > DiscordLimits.GatewayPayloadBytes)
        {
            throw new ArgumentException($"A gateway payload is at most {DiscordLimits.GatewayPayloadBytes} bytes; this one has {bytes.Length}.", nameof(data));
        }

        while (true)
        {
            await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            while (_sendLimiter.TryTake() is { } wait)
            {
                await DelayAsync("send-limit", wait, cancellationToken).ConfigureAwait(false);
            }

            if (_connection is { } c && State == GatewayState.Ready)
            {
                await c.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
        {
            throw new InvalidOperationException("Discord is not configured (Discord:Token is not set).");
        }

        var failures = 0;
        var resume = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (failures > 0)
                {
                    await DelayAsync("reconnect", Backoff(failures), cancellationToken).ConfigureAwait(false);
                }

                resume &= _sessionId is not null && _resumeUrl is not null;
                Uri url;
                if (resume)
                {
                    url = _resumeUrl!;
                }
                else
                {
                    ClearSession();
                    try
                    {
                        url = await PrepareIdentifyAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (DiscordApiException ex) when (ex.Status == 401)
                    {
                        throw Fatal(401);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or DiscordApiException or TimeoutException or DiscordPayloadException)
                    {
                        failures++;
                        Log.GatewayInfoFailed(_logger, ex, failures);
                        continue;
                    }
                }

                var result = await RunConnectionAsync(url, resume, cancellationToken).ConfigureAwait(false);
                if (result.Next == Next.Fatal)
                {
                    throw Fatal(result.CloseCode);
                }

                if (result.ConnectFailed && !resume)
                {
                    _gatewayUrl = null; // ask GET /gateway/bot again
                }

                failures = result.Healthy ? 0 : failures + 1;
                resume = result.Next == Next.Resume;
                Log.Reconnecting(_logger, result.Reason, resume ? "resume" : "identify");
                if (result.InvalidSession && !resume)
                {
                    // Discord's earlier docs asked for a random 1–5 s pause before identifying after op 9.
                    await DelayAsync("invalid-session", TimeSpan.FromSeconds(1 + (4 * Jitter())), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // Shutdown aborts the socket under a pending receive: that is a cancellation, not a failure.
            throw new OperationCanceledException("The gateway was stopped.", ex, cancellationToken);
        }
        finally
        {
            SetState(GatewayState.Stopped);
        }
    }

    private DiscordGatewayFatalException Fatal(int code)
    {
        var message = DiscordGatewayFatalException.Describe(code);
        Log.FatalClose(_logger, message);
        return new DiscordGatewayFatalException(code, "Discord gateway stopped: " + message);
    }

    // Equal jitter from 1 s doubling up to the cap: never below half the step, never above the cap.
    private TimeSpan Backoff(int failures) =>
        new JitteredBackoff(TimeSpan.FromSeconds(1), _options.ReconnectBackoffCap, JitterLow: 0.5, JitterHigh: 1.0, MaxDoublings: 16).Delay(failures, Jitter());

    private void ClearSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }

    // Before a new session: the gateway URL (configured, cached, or GET /gateway/bot), the day's remaining identifies and max_concurrency per 5 s.
    private async Task<Uri> PrepareIdentifyAsync(CancellationToken cancellationToken)
    {
        if (_options.GatewayUrl is null || _options.ShardCount is null)
        {
            try
            {
                var info = await _rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
                _gatewayUrl ??= info.Url;
                _startLimit = info.SessionStartLimit;
                _recommendedShards = info.Shards;
            }
            catch (Exception ex) when (_options.GatewayUrl is not null && ex is HttpRequestException or DiscordApiException { Status: not 401 })
            {
                Log.GatewayInfoFailed(_logger, ex, 0);
            }
        }

        if (_startLimit is { Remaining: <= 0 } limit)
        {
            Log.IdentifyBudgetSpent(_logger, limit.Total, limit.ResetAfter.TotalMinutes);
            await DelayAsync("session-start-limit", limit.ResetAfter > TimeSpan.Zero ? limit.ResetAfter : TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            _startLimit = limit with { Remaining = limit.Total };
        }

        var concurrency = Math.Max(1, _startLimit?.MaxConcurrency ?? 1);
        while (true)
        {
            TimeSpan? wait = null;
            lock (_identifies)
            {
                var now = _time.GetTimestamp();
                while (_identifies.Count > 0 && _time.GetElapsedTime(_identifies.Peek(), now) >= IdentifyWindow)
                {
                    _identifies.Dequeue();
                }

                if (_identifies.Count >= concurrency)
                {
                    wait = IdentifyWindow - _time.GetElapsedTime(_identifies.Peek(), now);
                }
            }

            if (wait is null)
            {
                break;
            }

            await DelayAsync("identify", wait.Value, cancellationToken).ConfigureAwait(false);
        }

        return _options.GatewayUrl ?? _gatewayUrl ?? throw new DiscordPayloadException("No gateway URL.");
    }

    private async Task<ConnectionResult> RunConnectionAsync(Uri url, bool resume, CancellationToken cancellationToken)
    {
        SetState(GatewayState.Connecting);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("User-Agent", $"DiscordBot ({_options.UserAgentUrl}, {_options.UserAgentVersion})");
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var connection = new Connection(socket, _sendLimiter, _time);
        try
        {
            await socket.ConnectAsync(WithQuery(url), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
        {
            Log.ConnectFailed(_logger, ex, url.Host);
            return new ConnectionResult(resume ? Next.Resume : Next.NewSession, 0, false, true, "connect failed");
        }

        _sendLimiter.Reset();
        _connection = connection;
        Task<bool>? heartbeat = null;
        try
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                while (true)
                {
                    var frame = await ReceiveAsync(socket, buffer, connectionCts.Token).ConfigureAwait(false);
                    if (frame is null)
                    {
                        var code = (int?)socket.CloseStatus ?? 0;
                        var (next, why) = ForCloseCode(code);
                        Log.Closed(_logger, code, socket.CloseStatusDescription ?? "");
                        return new ConnectionResult(next, code, connection.Healthy, false, why);
                    }

                    if (Handle(frame.Value, connection, resume, connectionCts.Token, ref heartbeat) is { } end)
                    {
                        await connection.CloseAsync(end.Next == Next.NewSession ? WebSocketCloseStatus.NormalClosure : (WebSocketCloseStatus)ZombieCloseCode, end.Reason).ConfigureAwait(false);
                        return end with { Healthy = connection.Healthy };
                    }

                    if (connection.SendFailed)
                    {
                        return new ConnectionResult(Next.Resume, 0, connection.Healthy, false, "send failed");
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when ((ex is WebSocketException or IOException || (ex is OperationCanceledException && connection.Zombie)) && !cancellationToken.IsCancellationRequested)
        {
            if (connection.Zombie)
            {
                return new ConnectionResult(Next.Resume, ZombieCloseCode, connection.Healthy, false, "no heartbeat ACK (zombie connection)");
            }

            Log.Dropped(_logger, ex);
            return new ConnectionResult(Next.Resume, 0, connection.Healthy, false, "connection dropped");
        }
        finally
        {
            await connectionCts.CancelAsync().ConfigureAwait(false);
            if (heartbeat is not null)
            {
                try
                {
                    await heartbeat.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
                {
                    // The connection is gone; its heartbeat with it.
                }
            }

            _connection = null;
            if (State != GatewayState.Stopped)
            {
                SetState(GatewayState.Disconnected);
            }

            connection.Abort();
        }
    }

    private static (Next, string) ForCloseCode(int code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => (Next.Fatal, $"closed with {code}"),
        4007 or 4009 => (Next.NewSession, $"closed with {code}"),
        _ => (Next.Resume, $"closed with {code}"), // 4000–4003, 4005, 4008, 1000/1001 and the unknown: try to resume; op 9 falls back to identify
    };

    private ConnectionResult? Handle(ReadOnlyMemory<byte> frame, Connection connection, bool resume, CancellationToken cancellationToken, ref Task<bool>? heartbeat)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            Log.BadFrame(_logger, "not JSON", Preview(frame));
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement) || !opElement.TryGetInt32(out var op))
            {
                Log.BadFrame(_logger, "no op", Preview(frame));
                return null;
            }

            root.TryGetProperty("d", out var d);
            switch (op)
            {
                case 10:
                    if (d.ValueKind != JsonValueKind.Object || !d.TryGetProperty("heartbeat_interval", out var hi) || !hi.TryGetDouble(out var ms) || ms <= 0)
                    {
                        Log.BadFrame(_logger, "Hello without heartbeat_interval", Preview(frame));
                        return null;
                    }

                    var interval = TimeSpan.FromMilliseconds(ms);
                    heartbeat = HeartbeatAsync(connection, interval, cancellationToken); // its first wait is set before Identify leaves
                    if (resume)
                    {
                        SetState(GatewayState.Resuming);
                        _ = connection.SendPriorityAsync(Encode(6, new JsonObject
                        {
                            ["token"] = _options.Token,
                            ["session_id"] = _sessionId,
                            ["seq"] = Sequence,
                        }), cancellationToken);
                    }
                    else
                    {
                        SetState(GatewayState.Identifying);
                        RecordIdentify();
                        _ = connection.SendPriorityAsync(Encode(2, IdentifyPayload()), cancellationToken);
                    }

                    return null;
                case 11:
                    connection.Acked(_time);
                    Latency = connection.Latency;
                    Interlocked.Increment(ref _acks);
                    return null;
                case 1:
                    _ = connection.SendPriorityAsync(Encode(1, Sequence is { } s ? JsonValue.Create(s) : null), cancellationToken);
                    return null;
                case 7:
                    return new ConnectionResult(Next.Resume, 0, false, false, "op 7 Reconnect");
                case 9:
                    var resumable = d.ValueKind == JsonValueKind.True;
                    return new ConnectionResult(resumable ? Next.Resume : Next.NewSession, 0, false, false, $"op 9 Invalid Session ({(resumable ? "resumable" : "not resumable")})") { InvalidSession = true };
                case 0:
                    return Dispatch(root, d, connection, frame);
                default:
                    Log.BadFrame(_logger, $"unknown op {op}", "");
                    return null;
            }
        }
    }

    private ConnectionResult? Dispatch(JsonElement root, JsonElement d, Connection connection, ReadOnlyMemory<byte> frame)
    {
        if (!root.TryGetProperty("t", out var t) || t.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("s", out var s) || !s.TryGetInt32(out var seq))
        {
            Log.BadFrame(_logger, "dispatch without t or s", Preview(frame));
            return null;
        }

        Interlocked.Exchange(ref _sequence, seq);
        var name = t.GetString()!;
        var dispatch = new GatewayDispatch(name, seq, d.Clone());
        if (name == GatewayDispatch.Ready)
        {
            try
            {
                var ready = dispatch.AsReady();
                Ready = ready;
                _sessionId = ready.SessionId;
                _resumeUrl = ready.ResumeGatewayUrl;
                if (_startLimit is { } l)
                {
                    _startLimit = l with { Remaining = l.Remaining - 1 };
                }

                Log.ReadyReceived(_logger, ready.User.Id, ready.ApplicationId ?? 0, ready.GuildIds.Count);
            }
            catch (DiscordPayloadException ex)
            {
                Log.BadReady(_logger, ex);
                return null;
            }

            MarkReady(connection);
        }
        else if (name == GatewayDispatch.Resumed)
        {
            Log.ResumedReceived(_logger, seq);
            MarkReady(connection);
        }

        _dispatches.Writer.TryWrite(dispatch);
        return null;
    }

    private void MarkReady(Connection connection)
    {
        connection.Healthy = true;
        SetState(GatewayState.Ready);
        var ready = Interlocked.Exchange(ref _ready, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ready.TrySetResult();
    }

    private async Task<bool> HeartbeatAsync(Connection connection, TimeSpan interval, CancellationToken cancellationToken)
    {
        await DelayAsync("heartbeat", interval * Jitter(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (!connection.AckReceived)
            {
                Log.Zombie(_logger, interval.TotalMilliseconds);
                connection.Zombie = true;
                await connection.CloseAsync((WebSocketCloseStatus)ZombieCloseCode, "zombie").ConfigureAwait(false);
                return false;
            }

            connection.AckReceived = false;
            var next = Task.Delay(interval, _time, cancellationToken); // set before the beat leaves: a test may advance once it arrives
            Waiting?.Invoke("heartbeat", interval);
            await connection.SendPriorityAsync(Encode(1, Sequence is { } s ? JsonValue.Create(s) : null), cancellationToken, isHeartbeat: true).ConfigureAwait(false);
            await next.ConfigureAwait(false);
        }
    }

    private JsonObject IdentifyPayload()
    {
        var shardCount = _options.ShardCount ?? _recommendedShards ?? 1;
        var shardId = _options.ShardId ?? 0;
        return new JsonObject
        {
            ["token"] = _options.Token,
            ["intents"] = _options.Intents,
            ["properties"] = new JsonObject { ["os"] = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux", ["browser"] = "chatopsbot", ["device"] = "chatopsbot" },
            ["shard"] = new JsonArray(shardId, shardCount),
            ["large_threshold"] = 50,
            ["compress"] = false,
        };
    }

    private void RecordIdentify()
    {
        lock (_identifies)
        {
            _identifies.Enqueue(_time.GetTimestamp());
        }
    }

    private static byte[] Encode(int op, JsonNode? d) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["op"] = op, ["d"] = d?.DeepClone() }.ToJsonString());

    private static async Task<ReadOnlyMemory<byte>?> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (message.Length + result.Count <= MaxFrameBytes)
            {
                message.Write(buffer, 0, result.Count);
            }

            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    private static string Preview(ReadOnlyMemory<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame.Span[..Math.Min(frame.Length, 200)]);
        return SecretScrubber.Shared.Scrub(text);
    }

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (string.IsNullOrEmpty(builder.Path))
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private async Task DelayAsync(string reason, TimeSpan wait, CancellationToken cancellationToken)
    {
        var delay = Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, _time, cancellationToken);
        Waiting?.Invoke(reason, wait);
        await delay.ConfigureAwait(false);
    }

    private void SetState(GatewayState state) => Volatile.Write(ref _state, (int)state);

    private enum Next
    {
        Resume,
        NewSession,
        Fatal,
    }

    private sealed record ConnectionResult(Next Next, int CloseCode, bool Healthy, bool ConnectFailed, string Reason)
    {
        public bool InvalidSession { get; init; }
    }

    /// <summary>One WebSocket connection: sends one at a time, ACK state, health.</summary>
    private sealed class Connection(ClientWebSocket socket, GatewaySendLimiter limiter, TimeProvider time) : IDisposable
    {
        public void Dispose() => _sendLock.Dispose();

        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private long _lastBeat;

        public ClientWebSocket Socket => socket;

        public volatile bool AckReceived = true;
        public volatile bool Zombie;
        public volatile bool Healthy;
        public volatile bool SendFailed;

        public TimeSpan? Latency { get; private set; }

        public void Acked(TimeProvider clock)
        {
            AckReceived = true;
            if (_lastBeat != 0)
            {
                Latency = clock.GetElapsedTime(_lastBeat);
            }
        }

        public async Task SendPriorityAsync(byte[] payload, CancellationToken cancellationToken, bool isHeartbeat = false)
        {
            limiter.RecordPriority();
            if (isHeartbeat)
            {
                _lastBeat = time.GetTimestamp();
            }

            try
            {
                await SendAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
            {
                SendFailed = true;
            }
        }

        public async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(payload, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>How long a close frame may wait for the send lock and the socket (on the injected clock).</summary>
        private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

        /// <summary>Sends a close frame without waiting for the answer, then drops the socket.</summary>
        public async Task CloseAsync(WebSocketCloseStatus code, string reason)
        {
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var cts = new CancellationTokenSource(CloseTimeout, time);
                    await _sendLock.WaitAsync(cts.Token).ConfigureAwait(false);
                    try
                    {
                        await socket.CloseOutputAsync(code, reason, cts.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        _sendLock.Release();
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // Closing a dead socket: nothing to tell.
            }
            finally
            {
                socket.Abort();
            }
        }

        public void Abort() => socket.Abort();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Critical, "Discord gateway stopped for good: {Reason} Fix the configuration and restart.")]
        public static partial void FatalClose(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Information, "Discord gateway: {Reason}; reconnecting to {Action}.")]
        public static partial void Reconnecting(ILogger logger, string reason, string action);

        [LoggerMessage(20, LogLevel.Warning, "Discord gateway: a READY could not be read; the session is not marked ready.")]
        public static partial void BadReady(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Discord gateway frame skipped ({Problem}): {Preview}")]
        public static partial void BadFrame(ILogger logger, string problem, string preview);

        [LoggerMessage(4, LogLevel.Information, "Discord gateway READY as user {UserId}, application {ApplicationId}, {GuildCount} guild(s).")]
        public static partial void ReadyReceived(ILogger logger, ulong userId, ulong applicationId, int guildCount);

        [LoggerMessage(5, LogLevel.Information, "Discord gateway RESUMED at sequence {Sequence}.")]
        public static partial void ResumedReceived(ILogger logger, int sequence);

        [LoggerMessage(6, LogLevel.Warning, "Discord gateway: no heartbeat ACK within {IntervalMs} ms; closing the zombie connection to resume.")]
        public static partial void Zombie(ILogger logger, double intervalMs);

        [LoggerMessage(7, LogLevel.Information, "Discord gateway closed with {Code} {Description}.")]
        public static partial void Closed(ILogger logger, int code, string description);

        [LoggerMessage(8, LogLevel.Warning, "Discord gateway connection dropped.")]
        public static partial void Dropped(ILogger logger, Exception exception);

        [LoggerMessage(9, LogLevel.Warning, "Could not connect to the Discord gateway at {Host}.")]
        public static partial void ConnectFailed(ILogger logger, Exception exception, string host);

        [LoggerMessage(10, LogLevel.Warning, "GET /gateway/bot failed (attempt {Attempt}).")]
        public static partial void GatewayInfoFailed(ILogger logger, Exception exception, int attempt);

        [LoggerMessage(11, LogLevel.Error, "All {Total} identifies for today are used; waiting {Minutes} min for the reset rather than risk a token reset.")]
        public static partial void IdentifyBudgetSpent(ILogger logger, int total, double minutes);
    }
}
