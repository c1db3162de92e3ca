using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Testing.Discord;

/// <summary>
/// Discord on 127.0.0.1 (Kestrel, port 0): the Gateway v10 over WebSockets at <see cref="GatewayUrl"/> and REST v10 at
/// <see cref="ApiBaseUrl"/>, protocol-exact per docs/discord.md (Gateway; REST and rate limits). Every REST call and gateway payload is recorded;
/// faults are scripted (op 7, op 9, close codes, zombie, dropped TCP, 429s).
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    private static readonly HashSet<int> KnownOps = [1, 2, 3, 4, 6, 8, 31, 43];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeGatewayFrame> _frames = new();
    private readonly ConcurrentQueue<FakeGatewayConnection> _connections = new();
    private readonly ConcurrentDictionary<string, FakeSession> _sessions = new();
    private readonly Lock _pulseGate = new();
    private readonly Dictionary<int, long> _lastIdentifyByKey = [];
    private readonly ConcurrentQueue<FakeIdentify> _identifies = new();
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId = 1_400_000_000_000_000_000;
    private int _connectionIds;
    private int _remainingIdentifies;
    private DateTimeOffset _budgetResetAt;

    private FakeDiscordServer(WebApplication app, FakeDiscordOptions options)
    {
        _app = app;
        Options = options;
        _remainingIdentifies = options.SessionStartRemaining;
        _budgetResetAt = options.Time.GetUtcNow() + SessionStartResetAfter;
    }

    public FakeDiscordOptions Options { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What <c>Discord:ApiBaseUrl</c> should be: <c>http://127.0.0.1:port/api/v10</c>.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/v10");

    /// <summary>What GET /gateway/bot answers: <c>ws://127.0.0.1:port</c> (the client adds <c>/?v=10&amp;encoding=json</c>).</summary>
    public Uri GatewayUrl => new($"ws://{BaseUrl.Authority}");

    /// <summary>The resume URL READY gives: a distinct path so tests see which URL a client used.</summary>
    public Uri ResumeGatewayUrl => new($"ws://{BaseUrl.Authority}/resume");

    public IReadOnlyList<FakeGatewayFrame> Frames => [.. _frames];

    public IReadOnlyList<FakeGatewayConnection> Connections => [.. _connections];

    /// <summary>Payloads with this opcode, in order.</summary>
    public IReadOnlyList<FakeGatewayFrame> FramesWithOp(int op) => [.. _frames.Where(f => f.Op == op)];

    /// <summary>When true the fake stops answering heartbeats with op 11 (a zombie connection, as the client sees it).</summary>
    public bool StopAcking { get; set; }

    /// <summary>The day's identifies left (<c>session_start_limit.remaining</c>): back to 1000 once <c>reset_after</c> has passed on the fake's clock.</summary>
    public int IdentifiesLeft
    {
        get
        {
            lock (_identifies)
            {
                if (Options.Time.GetUtcNow() >= _budgetResetAt)
                {
                    _remainingIdentifies = 1000;
                    _budgetResetAt = Options.Time.GetUtcNow() + TimeSpan.FromDays(1);
                }

                return _remainingIdentifies;
            }
        }
    }

    /// <summary><c>session_start_limit.reset_after</c> now.</summary>
    public TimeSpan IdentifiesResetAfter
    {
        get
        {
            lock (_identifies)
            {
                return _budgetResetAt - Options.Time.GetUtcNow();
            }
        }
    }

    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeDiscordServer(app, options ?? new FakeDiscordOptions());
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections)
        {
            c.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _applicationKey.Dispose();
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, re-checked on every fake event (<see cref="Pulse"/>): the condition
    /// must read the fake's own records, which change only with a pulse. <paramref name="timeout"/> (real time) is one
    /// overall safety bound, never a pace: when it passes, the wait fails with <paramref name="what"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        using var bound = new CancellationTokenSource(limit); // real time: a safety net only
        var expired = Task.Delay(Timeout.InfiniteTimeSpan, bound.Token);
        while (true)
        {
            Task next;
            lock (_pulseGate)
            {
                next = _pulse.Task;
            }

            if (condition())
            {
                return;
            }

            if (await Task.WhenAny(next, expired) == expired)
            {
                if (condition())
                {
                    return;
                }

                throw new TimeoutException($"The fake Discord waited {limit.TotalSeconds:0} s in vain for: {what}.");
            }
        }
    }

    /// <summary>Wakes every <see cref="WaitUntilAsync"/> so it re-checks (the fake calls it on each event).</summary>
    public void Pulse()
    {
        TaskCompletionSource old;
        lock (_pulseGate)
        {
            old = _pulse;
            _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    internal ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    private Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            return GatewayAsync(context);
        }

        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/api/v10/", StringComparison.Ordinal))
        {
            return RestAsync(context, path["/api/v10".Length..]);
        }

        context.Response.StatusCode = 404;
        return context.Response.WriteAsync("404: Not Found");
    }

    // ---------------- Gateway ----------------

    /// <summary>The newest connection that is still open.</summary>
    public FakeGatewayConnection? Current => _connections.LastOrDefault(c => c.IsOpen);

    /// <summary>
    /// Sends a dispatch as Discord routes it (stored for replay): a server's event (<c>guild_id</c> in <c>d</c>) to the
    /// sessions of its shard, anything else (DMs) to shard 0's; returns the newest such session's sequence number.
    /// </summary>
    public async Task<int> DispatchAsync(string eventName, JsonNode data)
    {
        var guild = GuildIdOf(eventName, data);
        var sessions = _sessions.Values.Where(s => !s.Invalid && s.Receives(guild)).OrderBy(s => s.Created).ToList();
        if (sessions.Count == 0)
        {
            throw new InvalidOperationException(_sessions.IsEmpty
                ? "No session: the client has not identified."
                : $"No session of the shard that gets {(guild is { } g ? $"server {g}" : "DMs (shard 0)")}.");
        }

        var seq = 0;
        foreach (var session in sessions)
        {
            seq = await session.DispatchAsync(eventName, data, this);
        }

        return seq;
    }

    public Task SendReconnectAsync(FakeGatewayConnection? on = null) => (on ?? CurrentOrThrow()).SendAsync("""{"op":7,"d":null}""");

    /// <summary>Op 9 on <paramref name="on"/> (default: the newest open connection). Not resumable: the session is forgotten, so a resume of it gets op 9 false again.</summary>
    public Task SendInvalidSessionAsync(bool resumable, FakeGatewayConnection? on = null)
    {
        var c = on ?? CurrentOrThrow();
        if (!resumable && c.Session is { } s)
        {
            s.Invalid = true;
        }

        return c.SendAsync($$"""{"op":9,"d":{{(resumable ? "true" : "false")}}}""");
    }

    /// <summary>Closes the current connection with <paramref name="code"/> (4007, 4009 and the fatal codes end the session).</summary>
    public Task CloseAsync(int code, string reason = "", FakeGatewayConnection? on = null)
    {
        var c = on ?? CurrentOrThrow();
        if (code is 4007 or 4009 or 4004 or 4010 or 4011 or 4012 or 4013 or 4014 && c.Session is { } s)
        {
            s.Invalid = true;
        }

        return c.CloseAsync(code, reason);
    }

    /// <summary>Drops the TCP connection with no close frame.</summary>
    public void DropConnection() => CurrentOrThrow().Abort();

    /// <summary>Sends a text frame as is (for frames that are not JSON or lack fields).</summary>
    public Task SendRawAsync(string text) => CurrentOrThrow().SendAsync(text);

    /// <summary>Asks for a heartbeat (op 1), as Discord may.</summary>
    public Task RequestHeartbeatAsync() => CurrentOrThrow().SendAsync("""{"op":1,"d":null}""");

    private FakeGatewayConnection CurrentOrThrow() => Current ?? throw new InvalidOperationException("No open gateway connection.");

    private async Task GatewayAsync(HttpContext context)
    {
        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeGatewayConnection(Interlocked.Increment(ref _connectionIds), context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "", context.Request.Headers.UserAgent.ToString(), socket, context, Options.Time);
        _connections.Enqueue(connection);
        Pulse();
        try
        {
            var query = context.Request.Query;
            if (query["v"] != "10")
            {
                await connection.CloseAsync(4012, "Invalid API version");
                return;
            }

            if (query["encoding"] != "json")
            {
                await connection.CloseAsync(4002, "Decode error");
                return;
            }

            await connection.SendAsync($$"""{"op":10,"d":{"heartbeat_interval":{{Options.HeartbeatIntervalMs}}},"s":null,"t":null}""");
            ArmWatchdog(connection);
            var buffer = new byte[8192];
            while (connection.IsOpen)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        connection.ClientCloseCode = (int?)result.CloseStatus;
                        if (result.CloseStatus is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable && connection.Session is { } ended)
                        {
                            ended.Invalid = true; // 1000 and 1001 end the session: it cannot be resumed
                        }

                        connection.MarkClosed();
                        Pulse();
                        await socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                await OnPayloadAsync(connection, message.ToArray());
                Pulse();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            connection.MarkClosed();
            connection.Watchdog?.Dispose();
            Pulse();
        }
    }

    private void ArmWatchdog(FakeGatewayConnection connection)
    {
        if (Options.HeartbeatGraceFactor is not { } factor)
        {
            return;
        }

        var due = TimeSpan.FromMilliseconds(Options.HeartbeatIntervalMs * factor);
        connection.Watchdog ??= Options.Time.CreateTimer(_ => _ = MissedHeartbeatAsync(connection), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        connection.Watchdog.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task MissedHeartbeatAsync(FakeGatewayConnection connection)
    {
        if (!connection.IsOpen)
        {
            return;
        }

        connection.MissedHeartbeat = true;
        if (Options.MissedHeartbeatCloseCode is 4009 && connection.Session is { } s)
        {
            s.Invalid = true;
        }

        await connection.CloseAsync(Options.MissedHeartbeatCloseCode, "Session timed out");
        Pulse();
    }

    private async Task OnPayloadAsync(FakeGatewayConnection connection, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        JsonNode? root = null;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // handled below
        }

        int? op = root is JsonObject o && o["op"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
        _frames.Enqueue(new FakeGatewayFrame(connection.Id, op, text));

        if (!connection.CountPayload(Options.Time))
        {
            await connection.CloseAsync(4008, "Rate limited.");
            return;
        }

        if (bytes.Length > 4096 || op is null)
        {
            await connection.CloseAsync(4002, "Decode error");
            return;
        }

        var d = root!["d"];
        switch (op.Value)
        {
            case 1:
                connection.Heartbeats.Add(d is JsonValue hv && hv.TryGetValue<int>(out var seq) ? seq : null);
                ArmWatchdog(connection);
                if (!StopAcking)
                {
                    await connection.SendAsync("""{"op":11}""");
                    connection.CountAckSent(); // the caller pulses once this payload is handled
                }

                return;
            case 2:
                await IdentifyAsync(connection, d);
                return;
            case 6:
                await ResumeAsync(connection, d);
                return;
            case var other when !KnownOps.Contains(other):
                await connection.CloseAsync(4001, "Unknown opcode");
                return;
            default:
                if (connection.Session is null)
                {
                    await connection.CloseAsync(4003, "Not authenticated");
                }

                return;
        }
    }

    private async Task IdentifyAsync(FakeGatewayConnection connection, JsonNode? d)
    {
        if (connection.Session is not null || connection.Identified)
        {
            await connection.CloseAsync(4005, "Already authenticated");
            return;
        }

        connection.Identified = true;
        if (d is not JsonObject data || data["token"]?.GetValueKind() != JsonValueKind.String
            || data["properties"] is not JsonObject props
            || props["os"]?.GetValueKind() != JsonValueKind.String || props["browser"]?.GetValueKind() != JsonValueKind.String || props["device"]?.GetValueKind() != JsonValueKind.String
            || data["intents"] is not JsonValue iv || !iv.TryGetValue<long>(out var intents))
        {
            await connection.CloseAsync(4002, "Decode error");
            return;
        }

        if ((string?)data["token"] != Options.Token)
        {
            await connection.CloseAsync(4004, "Authentication failed.");
            return;
        }

        if (intents < 0 || intents >= 1L << 26)
        {
            await connection.CloseAsync(4013, "Invalid intent(s).");
            return;
        }

        const int privileged = (1 << 1) | (1 << 8) | (1 << 15);
        if ((intents & privileged & ~Options.EnabledPrivilegedIntents) != 0)
        {
            await connection.CloseAsync(4014, "Disallowed intent(s).");
            return;
        }

        var shard = new[] { 0, 1 };
        if (data["shard"] is JsonArray s)
        {
            if (s.Count != 2 || s[0] is not JsonValue a || s[1] is not JsonValue b || !a.TryGetValue<int>(out shard[0]) || !b.TryGetValue<int>(out shard[1])
                || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1])
            {
                RecordIdentify(connection, -1, 0, accepted: false);
                await connection.CloseAsync(4010, "Invalid shard.");
                return;
            }
        }

        var guilds = Options.Guilds.Where(g => (int)((g >> 22) % (ulong)shard[1]) == shard[0]).ToList();
        if (guilds.Count > Options.MaxGuildsPerShard)
        {
            RecordIdentify(connection, shard[0], shard[1], accepted: false);
            await connection.CloseAsync(4011, "Sharding required.");
            return;
        }

        if (Options.EnforceIdentifyConcurrency && !TakeIdentifySlot(shard[0]))
        {
            RecordIdentify(connection, shard[0], shard[1], accepted: false);
            connection.Identified = false; // op 9: the client may identify again (on a new connection, as it should)
            await connection.SendAsync("""{"op":9,"d":false}""");
            return;
        }

        RecordIdentify(connection, shard[0], shard[1], accepted: true);
        lock (_identifies)
        {
            _ = IdentifiesLeft; // a reset that is due comes first
            _remainingIdentifies--;
        }

        var session = new FakeSession(Guid.NewGuid().ToString("N"), Options.Time.GetTimestamp(), shard[0], shard[1]);
        _sessions[session.Id] = session;
        var ready = new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = Options.BotUserId.ToString(), ["username"] = "ChatOpsBot", ["discriminator"] = "0", ["bot"] = true },
            ["guilds"] = new JsonArray([.. guilds.Select(g => (JsonNode)new JsonObject { ["id"] = g.ToString(), ["unavailable"] = true })]),
            ["session_id"] = session.Id,
            ["resume_gateway_url"] = ResumeGatewayUrl.ToString().TrimEnd('/'),
            ["shard"] = new JsonArray(shard[0], shard[1]),
            ["application"] = new JsonObject { ["id"] = Options.ApplicationId.ToString(), ["flags"] = 0 },
        };
        await session.AttachAsync(connection, "READY", ready, afterSeq: null, this);
        foreach (var guild in guilds)
        {
            await session.DispatchAsync("GUILD_CREATE", Guild(guild), this);
        }
    }

    private async Task ResumeAsync(FakeGatewayConnection connection, JsonNode? d)
    {
        if (connection.Session is not null || connection.Identified)
        {
            await connection.CloseAsync(4005, "Already authenticated");
            return;
        }

        if (d is not JsonObject data || data["token"]?.GetValueKind() != JsonValueKind.String || data["session_id"]?.GetValueKind() != JsonValueKind.String)
        {
            await connection.CloseAsync(4002, "Decode error");
            return;
        }

        if ((string?)data["token"] != Options.Token)
        {
            await connection.CloseAsync(4004, "Authentication failed.");
            return;
        }

        int? seq = data["seq"] is JsonValue sv && sv.TryGetValue<int>(out var n) ? n : null;
        if (!_sessions.TryGetValue((string)data["session_id"]!, out var session) || session.Invalid || seq > session.Sequence)
        {
            connection.Identified = false;
            await connection.SendAsync("""{"op":9,"d":false}""");
            return;
        }

        connection.Identified = true;
        await session.AttachAsync(connection, "RESUMED", new JsonObject(), afterSeq: seq ?? 0, this);
    }


}
