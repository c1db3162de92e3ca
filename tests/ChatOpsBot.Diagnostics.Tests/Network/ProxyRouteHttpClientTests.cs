using System.Net.Sockets;
using System.Text;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>ProxyRoute as HttpClient's proxy, against a fake proxy on 127.0.0.1 that never forwards anything.</summary>
public sealed class ProxyRouteHttpClientTests
{
    [Fact]
    public async Task SendAsync_ProxyAnswers407_RetriesWithCredentialsFromProxyUrl()
    {
        var requests = new List<string>();
        await using var proxy = new LoopbackServer(async (client, ct) =>
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            while (true)
            {
                var read = await ReadHeadAsync(stream, buffer, ct);
                if (read == 0)
                {
                    return;
                }

                var head = Encoding.ASCII.GetString(buffer, 0, read);
                lock (requests)
                {
                    requests.Add(head);
                }

                var answer = head.Contains("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase)
                    ? "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    : "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), ct);
            }
        });
        var route = new ProxyRoute(
            new NetworkOptions(),
            name => name == "HTTPS_PROXY" ? $"http://alice:s3cr%40t@127.0.0.1:{proxy.Port}" : null);
        using var handler = new SocketsHttpHandler { Proxy = route, UseProxy = true };
        using var client = new HttpClient(handler);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri("https://api.openai.com/v1/models"), TestContext.Current.CancellationToken));

        Assert.Equal(2, requests.Count);
        Assert.StartsWith("CONNECT api.openai.com:443 ", requests[0], StringComparison.Ordinal);
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cr@t"));
        Assert.Contains($"Proxy-Authorization: Basic {expected}", requests[1], StringComparison.Ordinal);
    }

    private static async Task<int> ReadHeadAsync(NetworkStream stream, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (read == 0)
            {
                return 0;
            }

            total += read;
            if (Encoding.ASCII.GetString(buffer, 0, total).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return total;
            }
        }

        return total;
    }
}
