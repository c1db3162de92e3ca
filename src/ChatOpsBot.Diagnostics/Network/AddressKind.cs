namespace ChatOpsBot.Diagnostics.Network;

/// <summary>What kind of address an IP is, as far as reaching a public API goes.</summary>
public enum AddressKind
{
    /// <summary>A public, globally routable unicast address.</summary>
    Public,

    /// <summary>0.0.0.0/8 or <c>::</c>: "no address", the answer of many DNS blockers.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8 or <c>::1</c>.</summary>
    Loopback,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16), IPv6 unique-local fc00::/7 and deprecated site-local fec0::/10.</summary>
    Private,

    /// <summary>100.64.0.0/10, carrier-grade NAT shared space (RFC 6598).</summary>
    SharedCgnat,

    /// <summary>169.254.0.0/16 or fe80::/10.</summary>
    LinkLocal,

    /// <summary>198.18.0.0/15 (RFC 2544 benchmarking), the range fake-IP proxies (Clash, Surge) answer with.</summary>
    Benchmarking,

    /// <summary>224.0.0.0/4 or ff00::/8.</summary>
    Multicast,

    /// <summary>Documentation, protocol-assignment, discard, future-use and broadcast ranges; IPv6 outside 2000::/3.</summary>
    Reserved,
}
