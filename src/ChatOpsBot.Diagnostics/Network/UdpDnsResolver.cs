using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// Asks one DNS server directly over UDP for a name's A and AAAA records, bypassing this machine's resolver
/// (/etc/hosts, the DHCP-given server, a filtering agent). Hand-written on purpose: two questions and a
/// read of the answer section are all it needs, and owning the socket lets <see cref="TimeProvider"/> bound the wait.
/// </summary>
public sealed class UdpDnsResolver
{
    private const ushort TypeA = 1;
    private const ushort TypeAaaa = 28;
    private const int MaxAnswers = 64;

    private readonly TimeProvider _timeProvider;

    public UdpDnsResolver(IPEndPoint server, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Server = server;
        _timeProvider = timeProvider;
    }

    public IPEndPoint Server { get; }

    /// <summary>"1.1.1.1", "127.0.0.1:5353", "[2606:4700:4700::1111]:53" or a bare IPv6 address; port 53 by default.</summary>
    public static bool TryParseServer(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        if (IPAddress.TryParse(value, out var bare) && !value.StartsWith('['))
        {
            endpoint = new IPEndPoint(bare, 53);
            return true;
        }

        if (IPEndPoint.TryParse(value, out var parsed) && parsed.Port > 0)
        {
            endpoint = parsed;
            return true;
        }

        return false;
    }

    /// <summary>Asks for A and AAAA at once; never throws for a network failure, only for cancellation by the caller.</summary>
    public async Task<DirectDnsAnswer> QueryAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!TryToAsciiName(host, out var name))
        {
            // Never quotes the name: it came from a setting, and the finding already names the host it is about.
            return new DirectDnsAnswer(Server, [], NotADnsName, 0);
        }

        var start = _timeProvider.GetTimestamp();
        using var limit = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        using var socket = new Socket(Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var ids = new Dictionary<ushort, ushort>(); // query id -> type
        var addresses = new List<IPAddress>();
        string? failure = null;
        try
        {
            await socket.ConnectAsync(Server, linked.Token).ConfigureAwait(false);
            foreach (var type in (ushort[])[TypeA, TypeAaaa])
            {
                var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
                ids[id] = type;
                await socket.SendAsync(BuildQuery(id, name, type), SocketFlags.None, linked.Token).ConfigureAwait(false);
            }

            var buffer = new byte[1500];
            while (ids.Count > 0)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token).ConfigureAwait(false);
                var reply = ParseReply(buffer.AsSpan(0, read));
                if (reply is null || !ids.Remove(reply.Value.Id))
                {
                    continue; // not ours, or not DNS: wait for the real answer
                }

                if (reply.Value.Rcode != 0)
                {
                    failure ??= RcodeName(reply.Value.Rcode);
                }

                addresses.AddRange(reply.Value.Addresses);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = ids.Count == 2 ? "no answer (timed out)" : "only part of the answer came in time";
        }
        catch (SocketException ex)
        {
            failure = ex.SocketErrorCode == SocketError.ConnectionRefused
                ? "refused (nothing listens on that port)"
                : ex.SocketErrorCode.ToString();
        }

        var elapsed = Math.Round(_timeProvider.GetElapsedTime(start).TotalMilliseconds, 2);
        IReadOnlyList<IPAddress> distinct = [.. addresses.Distinct()];
        return new DirectDnsAnswer(Server, distinct, distinct.Count > 0 ? null : failure ?? "no addresses (NODATA)", elapsed);
    }

    /// <summary>What <see cref="QueryAsync"/> says of a host that no DNS question can hold.</summary>
    public const string NotADnsName = "not a name DNS can carry (each dot-separated part 1-63 characters, 253 in all)";

    /// <summary>
    /// The name as DNS carries it: ASCII (punycode for international names), each label 1–63 characters, 253 in all
    /// (RFC 1035 §2.3.4). False for anything a question cannot hold.
    /// </summary>
    internal static bool TryToAsciiName(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        var trimmed = host.TrimEnd('.');
        if (trimmed.Length == 0)
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = trimmed.All(char.IsAscii) ? trimmed : new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException)
        {
            return false; // not a valid international name (IdnMapping also enforces the label length)
        }

        if (ascii.Length > 253 || ascii.Split('.').Any(label => label.Length is 0 or > 63))
        {
            return false;
        }

        name = ascii;
        return true;
    }

    internal static byte[] BuildQuery(ushort id, string host, ushort type)
    {
        var name = host.TrimEnd('.');
        var packet = new List<byte>(32 + name.Length);
        packet.AddRange([(byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]); // RD; one question
        foreach (var label in name.Split('.'))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length is 0 or > 63)
            {
                throw new ArgumentException($"\"{host}\" is not a DNS name.", nameof(host));
            }

            packet.Add((byte)bytes.Length);
            packet.AddRange(bytes);
        }

        packet.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]); // root; type; class IN
        return [.. packet];
    }

    internal static (ushort Id, int Rcode, List<IPAddress> Addresses)? ParseReply(ReadOnlySpan<byte> message)
    {
        if (message.Length < 12 || (message[2] & 0x80) == 0)
        {
            return null; // too short, or a query rather than a response
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var rcode = message[3] & 0x0F;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answers = Math.Min((int)BinaryPrimitives.ReadUInt16BigEndian(message[6..]), MaxAnswers);
        var offset = 12;
        var addresses = new List<IPAddress>();
        try
        {
            for (var i = 0; i < questions; i++)
            {
                offset = SkipName(message, offset) + 4;
            }

            for (var i = 0; i < answers; i++)
            {
                offset = SkipName(message, offset);
                var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
                var length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
                var data = message.Slice(offset + 10, length);
                if ((type == TypeA && length == 4) || (type == TypeAaaa && length == 16))
                {
                    addresses.Add(new IPAddress(data));
                }

                offset += 10 + length;
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return (id, rcode == 0 ? -1 : rcode, addresses); // truncated or malformed: keep what was read
        }

        return (id, rcode, addresses);
    }

    private static int SkipName(ReadOnlySpan<byte> message, int offset)
    {
        while (true)
        {
            var length = message[offset];
            if (length == 0)
            {
                return offset + 1;
            }

            if ((length & 0xC0) == 0xC0)
            {
                return offset + 2; // compression pointer ends the name
            }

            offset += 1 + length;
        }
    }

    private static string RcodeName(int rcode) => rcode switch
    {
        -1 => "malformed answer",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN (the name does not exist)",
        5 => "REFUSED",
        _ => "rcode " + rcode.ToString(CultureInfo.InvariantCulture),
    };
}
