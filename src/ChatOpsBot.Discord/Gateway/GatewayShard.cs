using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// One shard: one Gateway v10 connection over <see cref="ClientWebSocket"/> (JSON, no compression), following DDOCS
/// events/gateway.mdx: Hello, a jittered first heartbeat then one per interval, ACK tracking (a zombie is closed with
/// 4200 and resumed), Identify (its turn given by the <see cref="IdentifyScheduler"/>) or Resume, op 7/op 9, the
/// close-code table and the 120-per-60-s send limit. Its dispatches go to the <see cref="DiscordGatewayClient"/>'s one
/// stream. All timing goes through the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class GatewayShard
{
    private readonly DiscordGatewayClient _owner;
    private readonly DiscordOptions _options;
    private readonly IdentifyScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GatewaySendLimiter _sendLimiter;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayConnection? _connection;
    private IdentifyTurn? _turn;
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequence = -1;
    private int _state;
    private long _acks;

    public GatewayShard(DiscordGatewayClient owner, int id, int count, IdentifyScheduler scheduler)
    {
        _owner = owner;
        _options = owner.Options;
        _time = owner.Time;
        _logger = owner.Logger;
        _scheduler = scheduler;
        _sendLimiter = new GatewaySendLimiter(_time);
        Id = id;
        Count = count;
    }

    /// <summary>This shard's id: it gets the events of servers with <c>(guild_id &gt;&gt; 22) % Count == Id</c>, and DMs if 0.</summary>
    public int Id { get; }

    /// <summary>The shard count sent in Identify.</summary>
    public int Count { get; }

    /// <summary>"shard 2/4", for log lines.</summary>
    public string Name => $"shard {Id}/{Count}";

    public GatewayState State => (GatewayState)Volatile.Read(ref _state);

    public DiscordReady? Ready { get; private set; }

    /// <summary>The last non-null sequence number seen, or null.</summary>
    public int? Sequence => Interlocked.Read(ref _sequence) is var s and >= 0 ? (int)s : null;

    public long HeartbeatAcks => Interlocked.Read(ref _acks);

    public TimeSpan? Latency { get; private set; }

    public int QueuedSendsInWindow => _sendLimiter.SentInWindow;

    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) =>
        State == GatewayState.Ready ? Task.CompletedTask : Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            while (_sendLimiter.TryTake() is { } wait)
            {
                await _owner.DelayAsync("send-limit", wait, cancellationToken).ConfigureAwait(false);
            }

            if (_connection is { } c && State == GatewayState.Ready)
            {
                await c.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    public void Abort() => _connection?.Socket.Abort();

    /// <summary>Connects, identifies or resumes, and reconnects until cancelled. Throws <see cref="DiscordGatewayFatalException"/> on a fatal close.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var resume = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (failures > 0)
                {
                    await _owner.DelayAsync("reconnect", _owner.Backoff(failures), cancellationToken).ConfigureAwait(false);
                }

                resume &= _sessionId is not null && _resumeUrl is not null;
                ConnectionResult result;
                if (resume)
                {
                    result = await RunConnectionAsync(_resumeUrl!, resume: true, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    ClearSession();
                    try
                    {
                        _turn = await _scheduler.WaitTurnAsync(Id, cancellationToken).ConfigureAwait(false);
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

                    try
                    {
                        result = await RunConnectionAsync(_turn.GatewayUrl, resume: false, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _turn.Dispose(); // frees the bucket if Identify never left
                        _turn = null;
                    }

                    if (result.ConnectFailed)
                    {
                        _scheduler.ForgetGatewayUrl(); // ask GET /gateway/bot again
                    }
                }

                if (result.Next == Next.Fatal)
                {
                    throw Fatal(result.CloseCode);
                }

                failures = result.Healthy ? 0 : failures + 1;
                resume = result.Next == Next.Resume;
                Log.Reconnecting(_logger, Name, result.Reason, resume ? "resume" : "identify");
                if (result.InvalidSession && !resume)
                {
                    // Discord's earlier docs asked for a random 1–5 s pause before identifying after op 9.
                    await _owner.DelayAsync("invalid-session", TimeSpan.FromSeconds(1 + (4 * _owner.Jitter())), cancellationToken).ConfigureAwait(false);
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

    private async Task<ConnectionResult> RunConnectionAsync(Uri url, bool resume, CancellationToken cancellationToken)
    {
        SetState(GatewayState.Connecting);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("User-Agent", $"DiscordBot ({_options.UserAgentUrl}, {_options.UserAgentVersion})");
        using var connectionCts = new CancellationTokenSource();
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

        Task? ending = null;
        var stopping = cancellationToken.Register(() => Volatile.Write(ref ending, EndAsync(connection, connectionCts)));
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
                        Log.Closed(_logger, Name, code, socket.CloseStatusDescription ?? "");
                        return new ConnectionResult(next, code, connection.Healthy, false, why);
                    }

                    if (Handle(frame.Value, connection, resume, connectionCts.Token, ref heartbeat) is { } end)
                    {
                        await connection.CloseAsync(end.Next == Next.NewSession ? WebSocketCloseStatus.NormalClosure : (WebSocketCloseStatus)DiscordGatewayClient.ZombieCloseCode, end.Reason).ConfigureAwait(false);
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
                return new ConnectionResult(Next.Resume, DiscordGatewayClient.ZombieCloseCode, connection.Healthy, false, "no heartbeat ACK (zombie connection)");
            }

            Log.Dropped(_logger, ex, Name);
            return new ConnectionResult(Next.Resume, 0, connection.Healthy, false, "connection dropped");
        }
        finally
        {
            await stopping.DisposeAsync().ConfigureAwait(false); // no new stop from here on; one under way is awaited
            if (Volatile.Read(ref ending) is { } end)
            {
                await end.ConfigureAwait(false);
            }

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

    /// <summary>
    /// The gateway is being stopped. When the session is handed to another replica (<see cref="DiscordGatewayClient.EndSessionsOnStop"/>)
    /// it is closed with 1000 first: Discord then ends it at once (no one else has its session_id and seq to resume it,
    /// and this process identifies afresh if it takes the gateway back, so a resumable session would only replay events
    /// another replica has handled). Otherwise the socket is just dropped, as before.
    /// </summary>
    private async Task EndAsync(GatewayConnection connection, CancellationTokenSource connectionCts)
    {
        if (_owner.EndSessionsOnStop)
        {
            await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "handing over to another replica").ConfigureAwait(false);
        }

        await connectionCts.CancelAsync().ConfigureAwait(false);
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

    private void SetState(GatewayState state) => Volatile.Write(ref _state, (int)state);

    private static byte[] Encode(int op, JsonNode? d) => DiscordGatewayClient.Encode(op, d);
}
