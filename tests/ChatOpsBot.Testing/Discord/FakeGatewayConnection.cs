using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsBot.Testing.Discord;

/// <summary>One client connection to the fake gateway.</summary>
public sealed class FakeGatewayConnection
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Queue<long> _payloads = new();
    private readonly TimeProvider _time;
    private volatile bool _open = true;
    private int _acksSent;

    internal FakeGatewayConnection(int id, string path, string query, string userAgent, WebSocket socket, HttpContext context, TimeProvider time)
    {
        Id = id;
        Path = path;
        Query = query;
        UserAgent = userAgent;
        _socket = socket;
        _context = context;
        _time = time;
    }

    public int Id { get; }

    /// <summary>"/" for the gateway URL, "/resume" for the resume URL.</summary>
    public string Path { get; }

    public string Query { get; }

    public string UserAgent { get; }

    public bool IsOpen => _open;

    /// <summary>The close code the client sent, if it closed with a frame.</summary>
    public int? ClientCloseCode { get; internal set; }

    /// <summary>The close code the fake sent.</summary>
    public int? ServerCloseCode { get; private set; }

    public bool MissedHeartbeat { get; internal set; }

    /// <summary>The <c>d</c> of every heartbeat (null for <c>"d":null</c>).</summary>
    public List<int?> Heartbeats { get; } = [];

    /// <summary>How many heartbeat ACKs (op 11) the fake has sent on this connection.</summary>
    public int AcksSent => Volatile.Read(ref _acksSent);

    /// <summary>Dispatches sent on this connection: (seq, event name).</summary>
    public List<(int Seq, string Name)> Dispatched { get; } = [];

    internal FakeSession? Session { get; set; }

    /// <summary>The shard this connection's session serves (from its Identify, or the resumed session's), or null before one.</summary>
    public int? ShardId => Session?.ShardId;

    /// <summary>The shard count of this connection's session.</summary>
    public int? ShardCount => Session?.ShardCount;

    internal bool Identified { get; set; }

    internal ITimer? Watchdog { get; set; }

    internal void CountAckSent() => Interlocked.Increment(ref _acksSent);

    public async Task SendAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_open && _socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            _open = false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async Task SendDispatchAsync(int seq, string name, JsonNode data)
    {
        var payload = new JsonObject { ["op"] = 0, ["s"] = seq, ["t"] = name, ["d"] = data.DeepClone() };
        lock (Dispatched)
        {
            Dispatched.Add((seq, name));
        }

        await SendAsync(payload.ToJsonString());
    }

    public async Task CloseAsync(int code, string reason)
    {
        ServerCloseCode ??= code;
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
            _open = false;
        }
    }

    /// <summary>Drops the TCP connection: no close frame.</summary>
    public void Abort()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        try
        {
            _socket.Abort();
            _context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionLifetimeFeature>()?.Abort();
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request has already ended.
        }
    }

    internal void MarkClosed() => _open = false;

    /// <summary>Counts a received payload; false past 120 in 60 s (Discord then closes with 4008).</summary>
    internal bool CountPayload(TimeProvider time)
    {
        var now = time.GetTimestamp();
        while (_payloads.Count > 0 && time.GetElapsedTime(_payloads.Peek(), now) >= TimeSpan.FromSeconds(60))
        {
            _payloads.Dequeue();
        }

        _payloads.Enqueue(now);
        return _payloads.Count <= 120;
    }

    internal TimeProvider Time => _time;
}

/// <summary>A gateway session: its numbered dispatches are kept for replay on resume.</summary>
internal sealed class FakeSession(string id, long created, int shardId, int shardCount)
{
    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    /// <summary>Whether Discord routes an event to this session: a server's to shard <c>(guild_id &gt;&gt; 22) % num_shards</c>, a DM's to shard 0.</summary>
    public bool Receives(ulong? guildId) =>
        guildId is { } g ? (int)((g >> 22) % (ulong)ShardCount) == ShardId : ShardId == 0;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(int Seq, string Name, JsonNode Data)> _events = [];

    public string Id { get; } = id;

    public long Created { get; } = created;

    public int Sequence { get; private set; }

    public volatile bool Invalid;

    public FakeGatewayConnection? Connection { get; private set; }

    /// <summary>Makes <paramref name="connection"/> this session's, replays what came after <paramref name="afterSeq"/>, then sends READY or RESUMED.</summary>
    public async Task AttachAsync(FakeGatewayConnection connection, string name, JsonObject data, int? afterSeq, FakeDiscordServer server)
    {
        await _gate.WaitAsync();
        try
        {
            connection.Session = this;
            if (afterSeq is { } after)
            {
                foreach (var e in _events.Where(e => e.Seq > after))
                {
                    await connection.SendDispatchAsync(e.Seq, e.Name, e.Data);
                }
            }

            await connection.SendDispatchAsync(++Sequence, name, data);
            Connection = connection;
        }
        finally
        {
            _gate.Release();
        }

        server.Pulse();
    }

    public async Task<int> DispatchAsync(string name, JsonNode data, FakeDiscordServer server)
    {
        var guild = FakeDiscordServer.GuildIdOf(name, data);
        if (!Receives(guild))
        {
            throw new InvalidOperationException($"Discord never sends {(guild is { } g ? $"server {g}'s" : "a DM's")} {name} on shard [{ShardId}, {ShardCount}].");
        }

        int seq;
        await _gate.WaitAsync();
        try
        {
            seq = ++Sequence;
            _events.Add((seq, name, data.DeepClone()));
            if (Connection is { IsOpen: true } c)
            {
                await c.SendDispatchAsync(seq, name, data);
            }
        }
        finally
        {
            _gate.Release();
        }

        server.Pulse();
        return seq;
    }
}
