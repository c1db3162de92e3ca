using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>What <see cref="FakeConnectProxy"/> does with a CONNECT.</summary>
internal enum ProxyBehaviour
{
    /// <summary>Closes the connection without a word.</summary>
    Reset,

    /// <summary>407 with a Basic challenge.</summary>
    DemandAuth,

    /// <summary>403 with an HTML block page.</summary>
    BlockPage,

    /// <summary>200, then terminates TLS itself with <see cref="FakeConnectProxy.InterceptCertificate"/>.</summary>
    Intercept,
}

/// <summary>An HTTP CONNECT proxy on 127.0.0.1 that never connects anywhere: it answers as told.</summary>
internal sealed class FakeConnectProxy : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly List<string> _requests = [];

    public FakeConnectProxy(ProxyBehaviour behaviour, X509Certificate2? interceptCertificate = null)
    {
        InterceptCertificate = interceptCertificate;
        _server = new LoopbackServer((client, ct) => HandleAsync(client, behaviour, ct));
    }

    public int Port => _server.Port;

    public X509Certificate2? InterceptCertificate { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(TcpClient client, ProxyBehaviour behaviour, CancellationToken ct)
    {
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream, ct);
        lock (_requests)
        {
            _requests.Add(head);
        }

        switch (behaviour)
        {
            case ProxyBehaviour.Reset:
                client.Client.LingerState = new LingerOption(true, 0); // RST, not FIN
                client.Client.Close();
                return;
            case ProxyBehaviour.DemandAuth:
                await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp-proxy\"\r\nContent-Length: 0\r\n\r\n", ct);
                return;
            case ProxyBehaviour.BlockPage:
                const string Page = "<html><head><title>Access Denied - Category: Artificial Intelligence</title></head><body>Blocked by policy</body></html>";
                await WriteAsync(stream, $"HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: {Encoding.UTF8.GetByteCount(Page)}\r\n\r\n{Page}", ct);
                return;
            case ProxyBehaviour.Intercept:
                await WriteAsync(stream, "HTTP/1.1 200 Connection established\r\n\r\n", ct);
                await using (var tls = new SslStream(stream))
                {
                    try
                    {
                        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = InterceptCertificate }, ct);
                        _ = await tls.ReadAsync(new byte[1], ct);
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
                    {
                        // The client refused the certificate or hung up.
                    }
                }

                return;
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]);
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken ct) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask();
}
