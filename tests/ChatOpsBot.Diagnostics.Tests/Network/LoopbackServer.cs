using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>A TCP server on 127.0.0.1, port 0, running <c>handler</c> for each accepted connection.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    public LoopbackServer(Func<TcpClient, CancellationToken, Task>? handler = null)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync(handler ?? ((_, _) => Task.CompletedTask));
    }

    public int Port { get; }

    /// <summary>A port on 127.0.0.1 that nothing listens on: bound, noted, released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    private async Task AcceptAsync(Func<TcpClient, CancellationToken, Task> handler)
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(Task.Run(
                async () =>
                {
                    using (client)
                    {
                        await handler(client, _stop.Token);
                    }
                },
                CancellationToken.None));
        }
    }
}
