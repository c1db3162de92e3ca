using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>Heartbeats: a jittered first beat, then one per interval; a beat without an ACK before the next marks the connection a zombie and closes it to resume.</summary>
internal sealed partial class GatewayShard
{
    private async Task<bool> HeartbeatAsync(GatewayConnection connection, TimeSpan interval, CancellationToken cancellationToken)
    {
        await _owner.DelayAsync("heartbeat", interval * _owner.Jitter(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (!connection.AckReceived)
            {
                Log.Zombie(_logger, Name, interval.TotalMilliseconds);
                connection.Zombie = true;
                await connection.CloseAsync((WebSocketCloseStatus)DiscordGatewayClient.ZombieCloseCode, "zombie").ConfigureAwait(false);
                return false;
            }

            connection.AckReceived = false;
            var next = Task.Delay(interval, _time, cancellationToken); // set before the beat leaves: a test may advance once it arrives
            _owner.Waiting?.Invoke("heartbeat", interval);
            await connection.SendPriorityAsync(Encode(1, Sequence is { } s ? JsonValue.Create(s) : null), cancellationToken, isHeartbeat: true).ConfigureAwait(false);
            await next.ConfigureAwait(false);
        }
    }
}
