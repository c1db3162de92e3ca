using System.Net.WebSockets;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>One gateway WebSocket connection: sends one at a time, ACK state, health.</summary>
internal sealed class GatewayConnection(ClientWebSocket socket, GatewaySendLimiter limiter, TimeProvider time) : IDisposable
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
