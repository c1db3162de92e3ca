using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// Classifies IP addresses by the special ranges of the IANA IPv4/IPv6 special-purpose registries. IPv4-mapped
/// (<c>::ffff:a.b.c.d</c>) and NAT64 (<c>64:ff9b::a.b.c.d</c>, what DNS64 answers) addresses are judged by the
/// IPv4 address they carry.
/// </summary>
public static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressKind.Reserved,
        };
    }

    /// <summary>True for a globally routable unicast address: the only kind a public API host can resolve to.</summary>
    public static bool IsPublic(IPAddress address) => Classify(address) == AddressKind.Public;

    /// <summary>True for 127.0.0.0/8, <c>::1</c> and their IPv4-mapped forms.</summary>
    public static bool IsLoopback(IPAddress address) => Classify(address) == AddressKind.Loopback;

    /// <summary>A few words for reports ("private (RFC 1918)").</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "public",
        AddressKind.Unspecified => "unspecified (0.0.0.0 / ::, a typical DNS block answer)",
        AddressKind.Loopback => "loopback (this machine)",
        AddressKind.Private => "private network",
        AddressKind.SharedCgnat => "carrier-grade NAT (100.64.0.0/10)",
        AddressKind.LinkLocal => "link-local",
        AddressKind.Benchmarking => "benchmarking range 198.18.0.0/15 (fake-IP proxies such as Clash use it)",
        AddressKind.Multicast => "multicast",
        AddressKind.Reserved => "reserved / documentation range",
        _ => kind.ToString(),
    };

    private static AddressKind ClassifyV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 => AddressKind.Unspecified,
        10 => AddressKind.Private,
        100 when (b[1] & 0xC0) == 64 => AddressKind.SharedCgnat,
        127 => AddressKind.Loopback,
        169 when b[1] == 254 => AddressKind.LinkLocal,
        172 when (b[1] & 0xF0) == 16 => AddressKind.Private,
        192 when b[1] == 168 => AddressKind.Private,
        192 when b[1] == 0 && b[2] is 0 or 2 => AddressKind.Reserved,        // IETF assignments, TEST-NET-1
        198 when b[1] is 18 or 19 => AddressKind.Benchmarking,
        198 when b[1] == 51 && b[2] == 100 => AddressKind.Reserved,          // TEST-NET-2
        203 when b[1] == 0 && b[2] == 113 => AddressKind.Reserved,           // TEST-NET-3
        >= 224 and <= 239 => AddressKind.Multicast,
        >= 240 => AddressKind.Reserved,                                      // future use and 255.255.255.255
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4().GetAddressBytes());
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        if (b[..15].IndexOfAnyExcept((byte)0) < 0)
        {
            return b[15] switch
            {
                0 => AddressKind.Unspecified,
                1 => AddressKind.Loopback,
                _ => AddressKind.Reserved,
            };
        }

        // 64:ff9b::/96, the NAT64 well-known prefix: judge the IPv4 address it embeds.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ClassifyV4(b[12..]);
        }

        if (b[0] == 0xff)
        {
            return AddressKind.Multicast;
        }

        if ((b[0] & 0xFE) == 0xFC)
        {
            return AddressKind.Private;                                      // fc00::/7 unique local
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return AddressKind.LinkLocal;                                    // fe80::/10
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        {
            return AddressKind.Private;                                      // fec0::/10 site local (deprecated)
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return AddressKind.Reserved;                                     // 2001:db8::/32 documentation
        }

        // Everything global unicast lives in 2000::/3; the rest is unassigned or special.
        return (b[0] & 0xE0) == 0x20 ? AddressKind.Public : AddressKind.Reserved;
    }
}
