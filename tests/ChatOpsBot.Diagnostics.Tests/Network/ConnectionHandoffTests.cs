using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>One connection per diagnosis: the network stage's timed connection carries the HTTP probe.</summary>
public sealed class ConnectionHandoffTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_PlainHttpWithHandoff_TheProbeRunsOverTheStagesConnection()
    {
        var server = new CountingHttpServer();
        await using var listener = new LoopbackServer(server.HandleAsync);
        using var handoff = new ConnectionHandoff();

        var result = await new NetworkProbe(TimeProvider.System)
            .RunAsync(Route(listener.Port), ProviderId.OpenAI, new PhaseTracker(), handoff, Ct);
        using var response = await SendAsync(listener.Port, handoff);

        Assert.True(result.Reachable);
        Assert.Contains(result.Findings, f => f.Code == VerdictCodes.Ok && f.Evidence.ContainsKey("connect_ms"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(handoff.Taken);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task RunAsync_NoHandoff_TheStageClosesItsConnectionAndTheProbeOpensAnother()
    {
        var server = new CountingHttpServer();
        await using var listener = new LoopbackServer(server.HandleAsync);

        var result = await new NetworkProbe(TimeProvider.System)
            .RunAsync(Route(listener.Port), ProviderId.OpenAI, new PhaseTracker(), Ct);
        using var response = await SendAsync(listener.Port, handoff: null);

        Assert.True(result.Reachable);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.SecondConnection.WaitAsync(TimeSpan.FromSeconds(10), Ct); // a safety net, not a sleep
    }

    [Fact]
    public async Task TryTake_AnotherHostOrPort_LeavesTheConnectionParkedUntilDisposed()
    {
        await using var listener = new LoopbackServer();
        var handoff = new ConnectionHandoff();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, listener.Port), Ct);
        handoff.Offer("127.0.0.1", listener.Port, socket);

        Assert.Null(handoff.TryTake(new DnsEndPoint("127.0.0.1", listener.Port + 1)));
        Assert.Null(handoff.TryTake(new DnsEndPoint("localhost", listener.Port)));
        Assert.False(handoff.Taken);
        handoff.Dispose();

        Assert.Throws<ObjectDisposedException>(() => socket.Send([1]));
        Assert.Null(handoff.TryTake(new DnsEndPoint("127.0.0.1", listener.Port)));
    }

    private static RouteInfo Route(int port) => new(new Uri($"http://127.0.0.1:{port}/v1/models"), null, null, null, true);

    private static async Task<HttpResponseMessage> SendAsync(int port, ConnectionHandoff? handoff)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectCallback = ProbeConnector.ConnectAsync });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/v1/models");
        if (handoff is not null)
        {
            request.Options.Set(ConnectionHandoff.Key, handoff);
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>Counts connections; answers each request with a small JSON 200, as an HTTP/1.1 server would.</summary>
    private sealed class CountingHttpServer
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _connections;

        public int Connections => Volatile.Read(ref _connections);

        public Task SecondConnection => _second.Task;

        public async Task HandleAsync(TcpClient client, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _connections) == 2)
            {
                _second.TrySetResult();
            }

            var stream = client.GetStream();
            var buffer = new byte[4096];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, cancellationToken);
                if (n == 0)
                {
                    return; // closed without a request: the network stage's own connection
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray(), cancellationToken);
        }
    }
}
