using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
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

    private readonly DiscordOptions _options;

    private readonly DiscordRestClient _rest;
    private readonly TimeProvider _time;

    private readonly ILogger _logger;
    private readonly SecretScrubber _scrubber;
    private readonly IDisposable _tokenRegistration;

    private readonly Channel<GatewayDispatch> _dispatches = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Queue<long> _identifies = new();

    private readonly GatewaySendLimiter _sendLimiter;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayConnection? _connection;
    private Uri? _gatewayUrl;

    private SessionStartLimit? _startLimit;
    private int? _recommendedShards;

    private string? _sessionId;
    private Uri? _resumeUrl;

    private long _sequence = -1;
    private int _state;

    public DiscordGatewayClient(IOptions<DiscordOptions> options, DiscordRestClient rest, TimeProvider time, SecretScrubber scrubber, ILogger<DiscordGatewayClient> logger)
    {
        _options = options.Value;
        _rest = rest;
        _time = time;
        _logger = logger;
        _scrubber = scrubber;
        _tokenRegistration = scrubber.Register(_options.Token ?? "");
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

    // Equal jitter from 1 s doubling up to the cap: never below half the step, never above the cap.
    private TimeSpan Backoff(int failures) =>
        new JitteredBackoff(TimeSpan.FromSeconds(1), _options.ReconnectBackoffCap, JitterLow: 0.5, JitterHigh: 1.0, MaxDoublings: 16).Delay(failures, Jitter());

    private async Task<ConnectionResult> RunConnectionAsync(Uri url, bool resume, CancellationToken cancellationToken)
    {
        SetState(GatewayState.Connecting);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("User-Agent", $"DiscordBot ({_options.UserAgentUrl}, {_options.UserAgentVersion})");
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var connection = new GatewayConnection(socket, _sendLimiter, _time);
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
}
