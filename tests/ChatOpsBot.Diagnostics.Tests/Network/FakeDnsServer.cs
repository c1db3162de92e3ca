using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>
/// A DNS server on 127.0.0.1 UDP, port 0, answering A and AAAA questions with chosen addresses, or staying silent.
/// <see cref="QueryReceived"/> completes on the first question, so a test can wait for it instead of sleeping.
/// </summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public FakeDnsServer(IEnumerable<string>? addresses = null, bool silent = false, int rcode = 0)
    {
        Addresses = [.. (addresses ?? []).Select(IPAddress.Parse)];
        Silent = silent;
        Rcode = rcode;
        _loop = RunAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public IReadOnlyList<IPAddress> Addresses { get; }

    public bool Silent { get; }

    public int Rcode { get; }

    public Task QueryReceived => _received.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var query = await _udp.ReceiveAsync(_stop.Token);
            _received.TrySetResult();
            if (!Silent)
            {
                await _udp.SendAsync(Answer(query.Buffer), query.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[] Answer(byte[] query)
    {
        // The question ends after the name's zero byte, then type (2) and class (2).
        var end = 12;
        while (query[end] != 0)
        {
            end += query[end] + 1;
        }

        end += 5;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end - 4));
        var family = type == 28 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var matching = Rcode == 0 ? Addresses.Where(a => a.AddressFamily == family).ToList() : [];
        var reply = new List<byte>(query[..end]);
        reply[2] = 0x81; // response, RD
        reply[3] = (byte)(0x80 | Rcode); // RA + rcode
        reply[6] = 0;
        reply[7] = (byte)matching.Count;
        foreach (var address in matching)
        {
            var data = address.GetAddressBytes();
            reply.AddRange([0xC0, 0x0C, (byte)(type >> 8), (byte)type, 0, 1, 0, 0, 0, 60, 0, (byte)data.Length]);
            reply.AddRange(data);
        }

        return [.. reply];
    }
}
