using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Models;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>Frames: reading a message off the socket, decoding it by opcode (Hello, ACK, heartbeat request, Reconnect, Invalid Session, Dispatch), READY and RESUMED.</summary>
internal sealed partial class GatewayShard
{
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private ConnectionResult? Handle(ReadOnlyMemory<byte> frame, GatewayConnection connection, bool resume, CancellationToken cancellationToken, ref Task<bool>? heartbeat)
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
                        _turn?.Identified(); // the bucket's 5 s count from now
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

    private ConnectionResult? Dispatch(JsonElement root, JsonElement d, GatewayConnection connection, ReadOnlyMemory<byte> frame)
    {
        if (!root.TryGetProperty("t", out var t) || t.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("s", out var s) || !s.TryGetInt32(out var seq))
        {
            Log.BadFrame(_logger, "dispatch without t or s", Preview(frame));
            return null;
        }

        Interlocked.Exchange(ref _sequence, seq);
        var name = t.GetString()!;
        var dispatch = new GatewayDispatch(name, seq, d.Clone()) { ShardId = Id };
        if (name == GatewayDispatch.Ready)
        {
            try
            {
                var ready = dispatch.AsReady();
                Ready = ready;
                _sessionId = ready.SessionId;
                _resumeUrl = ready.ResumeGatewayUrl;
                Log.ReadyReceived(_logger, Name, ready.User.Id, ready.ApplicationId ?? 0, ready.GuildIds.Count);
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
            Log.ResumedReceived(_logger, Name, seq);
            MarkReady(connection);
        }

        _owner.Publish(dispatch);
        return null;
    }

    private void MarkReady(GatewayConnection connection)
    {
        connection.Healthy = true;
        SetState(GatewayState.Ready);
        var ready = Interlocked.Exchange(ref _ready, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ready.TrySetResult();
    }

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

    private string Preview(ReadOnlyMemory<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame.Span[..Math.Min(frame.Length, 200)]);
        return _owner.Scrubber.Scrub(text);
    }
}
