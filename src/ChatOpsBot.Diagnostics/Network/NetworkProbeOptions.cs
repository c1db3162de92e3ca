using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>How <see cref="NetworkProbe"/> checks a route, given once, to its constructor.</summary>
public sealed record NetworkProbeOptions
{
    /// <summary>A second DNS server asked directly (<see cref="NetworkOptions.DnsServer"/>), to compare answers; null: none.</summary>
    public UdpDnsResolver? DirectResolver { get; init; }

    /// <summary>How long <see cref="DirectResolver"/> may take.</summary>
    public TimeSpan DnsTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// With a proxy in the route: ask it for a CONNECT tunnel (then TLS through it, issuer check included) and, where
    /// allowed, try the direct route too. Null: only the TCP connection to the proxy is checked.
    /// </summary>
    public ProxyCheckOptions? ProxyChecks { get; init; }

    /// <summary>
    /// Once IPv4 has connected and the name has AAAA records, also connect over IPv6 (bounded by
    /// <see cref="Ipv6Timeout"/>): "IPv6 times out, IPv4 works" is <c>network.ipv6_broken</c>.
    /// </summary>
    public bool CompareIpv6 { get; init; }

    /// <summary>How long the IPv6 comparison may take.</summary>
    public TimeSpan Ipv6Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Tests only: a provider host that resolves to 127.0.0.1 is connected to rather than reported as hijacked, so a
    /// local peer can stand in for the provider's own host (TLS issuer checks).
    /// </summary>
    internal bool AcceptLoopbackAnswers { get; init; }

    /// <summary>
    /// Roots trusted instead of the machine's store (tests; later a corporate CA). Null: the machine's store.
    /// </summary>
    internal X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>Tests only: replaces the IPv6 socket connect, so a route that never answers needs no real peer.</summary>
    internal Func<IPEndPoint, CancellationToken, Task>? Ipv6ConnectOverride { get; init; }
}
