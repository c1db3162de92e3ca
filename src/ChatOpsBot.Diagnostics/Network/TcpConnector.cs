using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>Connects to the first address of a list that accepts, recording every attempt with its time.</summary>
/// <param name="timeProvider">Times each attempt.</param>
internal sealed class TcpConnector(TimeProvider timeProvider)
{
    /// <summary>The connected socket (null when every address failed) and the attempts, in order.</summary>
    public async Task<(Socket? Socket, List<ConnectAttempt> Attempts)> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        var attempts = new List<ConnectAttempt>();
        foreach (var address in addresses)
        {
            var start = timeProvider.GetTimestamp();
            Socket? socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                attempts.Add(new ConnectAttempt(address, null, NetworkTiming.ElapsedMs(timeProvider, start)));
                return (socket, attempts);
            }
            catch (SocketException ex)
            {
                socket?.Dispose();
                attempts.Add(new ConnectAttempt(address, ex.SocketErrorCode, NetworkTiming.ElapsedMs(timeProvider, start)));
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        return (null, attempts);
    }
}
