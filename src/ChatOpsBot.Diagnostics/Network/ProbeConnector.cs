using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The probe handler's <see cref="SocketsHttpHandler.ConnectCallback"/>: the connection the network stage already opened
/// and timed when the request carries one for this host (<see cref="ConnectionHandoff"/>), else a new one, connected as
/// the handler would by default.
/// </summary>
public static class ProbeConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InitialRequestMessage.Options.TryGetValue(ConnectionHandoff.Key, out var handoff)
            && handoff.TryTake(context.DnsEndPoint) is { } parked)
        {
            return new NetworkStream(parked, ownsSocket: true);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
