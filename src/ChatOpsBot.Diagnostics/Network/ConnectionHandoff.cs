using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The TCP connection the network stage opened and timed, handed to the HTTP probe so that a diagnosis opens one
/// connection, not a check connection and then a probe connection. Travels in the probe request's
/// <see cref="HttpRequestMessage.Options"/>; <see cref="ProbeConnector.ConnectAsync"/> (the probe handler's
/// <see cref="SocketsHttpHandler.ConnectCallback"/>) takes it when the handler opens a connection to the same host and
/// port. A connection nobody took (the key was not sent, or the handler reused a pooled connection) is closed on
/// <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Only plain-HTTP routes without a proxy hand their connection over: over HTTPS the handler must run the TLS handshake
/// itself, so the network stage's own handshake (which reads the certificate for the interception check) keeps its own
/// connection.
/// </remarks>
public sealed class ConnectionHandoff : IDisposable
{
    /// <summary>Where the probe request carries it.</summary>
    public static readonly HttpRequestOptionsKey<ConnectionHandoff> Key = new("chatopsbot.probe.connection");

    private readonly Lock _gate = new();
    private Socket? _socket;
    private string? _host;
    private int _port;

    /// <summary>True once a socket was offered, taken or not.</summary>
    public bool Offered { get; private set; }

    /// <summary>True once the probe took the socket.</summary>
    public bool Taken { get; private set; }

    /// <summary>Parks a connected socket for <paramref name="host"/>:<paramref name="port"/>; the handoff owns it from here.</summary>
    internal void Offer(string host, int port, Socket socket)
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = socket;
            _host = Bare(host);
            _port = port;
            Offered = true;
        }
    }

    /// <summary>The parked socket when it was opened to <paramref name="endpoint"/> and is still open, once; else null.</summary>
    internal Socket? TryTake(DnsEndPoint endpoint)
    {
        Socket? socket;
        lock (_gate)
        {
            if (_socket is null || _port != endpoint.Port || !string.Equals(_host, Bare(endpoint.Host), StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            socket = _socket;
            _socket = null;
        }

        // Closed by the other side while parked (readable with nothing to read): not handed over, so the probe opens a
        // fresh connection instead of failing its first attempt on a dead one.
        if (!socket.Connected || (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0))
        {
            socket.Dispose();
            return null;
        }

        Taken = true;
        return socket;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }

    private static string Bare(string host) => host.TrimStart('[').TrimEnd(']');
}
