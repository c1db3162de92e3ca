using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// DNS (A and AAAA together), TCP connect and TLS handshake to the route's first hop, each timed.
/// </summary>
/// <remarks>
/// The first hop is the proxy when the route has one (then TLS to the target happens inside CONNECT and is left to the
/// HTTP probe), else the target. Failures are findings; cancellation propagates as
/// <see cref="OperationCanceledException"/> with <see cref="PhaseTracker"/> naming the phase it cut. The coordinator of
/// <see cref="DnsCheck"/>, <see cref="TcpConnector"/>, <see cref="Ipv6RouteCheck"/>, <see cref="ProxyRouteCheck"/> and
/// <see cref="TlsHandshaker"/> with <see cref="InterceptionCheck"/>; the texts of the findings are in <see cref="NetworkFindings"/>.
/// </remarks>
public sealed class NetworkProbe
{
    private const string DnsPhase = "dns";
    internal const string ConnectPhase = "connect";
    internal const string TlsPhase = "tls";

    private readonly NetworkProbeOptions _options;
    private readonly DnsCheck _dns;
    private readonly TcpConnector _connector;
    private readonly TlsHandshaker _tls;
    private readonly Ipv6RouteCheck _ipv6;
    private readonly ProxyRouteCheck? _proxy;

    public NetworkProbe(TimeProvider timeProvider)
        : this(timeProvider, resolver: null, options: null)
    {
    }

    public NetworkProbe(TimeProvider timeProvider, Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>>? resolver)
        : this(timeProvider, resolver, options: null)
    {
    }

    /// <param name="timeProvider">Times each phase.</param>
    /// <param name="resolver">Looks a name up for one address family; defaults to <see cref="Dns.GetHostAddressesAsync(string, AddressFamily, CancellationToken)"/>.</param>
    /// <param name="options">How the route is checked; null: the defaults of <see cref="NetworkProbeOptions"/>.</param>
    public NetworkProbe(TimeProvider timeProvider, Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>>? resolver, NetworkProbeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options ?? new NetworkProbeOptions();
        _dns = new DnsCheck(timeProvider, resolver ?? Dns.GetHostAddressesAsync, _options.DirectResolver, _options.DnsTimeout, _options.AcceptLoopbackAnswers);
        _connector = new TcpConnector(timeProvider);
        _tls = new TlsHandshaker(timeProvider, _options.TrustedRoots);
        _ipv6 = new Ipv6RouteCheck(timeProvider, _options.Ipv6Timeout, _options.Ipv6ConnectOverride);
        _proxy = _options.ProxyChecks is { } checks
            ? new ProxyRouteCheck(timeProvider, checks, _tls, _dns, _connector, _options.AcceptLoopbackAnswers)
            : null;
    }

    public Task<NetworkResult> RunAsync(RouteInfo route, ProviderId provider, PhaseTracker phase, CancellationToken cancellationToken) =>
        RunAsync(route, provider, phase, handoff: null, cancellationToken);

    /// <param name="route">Where the probe goes.</param>
    /// <param name="provider">Whose API it is.</param>
    /// <param name="phase">Told each phase as it starts.</param>
    /// <param name="handoff">
    /// Given: a plain-HTTP direct route's connection is parked here for the HTTP probe instead of closed, so the probe
    /// runs over the connection this stage timed (<see cref="ConnectionHandoff"/>).
    /// </param>
    /// <param name="cancellationToken">The diagnosis's deadline.</param>
    public async Task<NetworkResult> RunAsync(RouteInfo route, ProviderId provider, PhaseTracker phase, ConnectionHandoff? handoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(phase);

        var hop = Hop.Of(route);
        var findings = new List<Finding>();

        // DNS
        phase.Enter(DiagnosticStage.Network, DnsPhase);
        if (await _dns.CheckAsync(hop, route, provider, findings, cancellationToken).ConfigureAwait(false) is not { } candidates)
        {
            return new NetworkResult(false, findings);
        }

        // TCP
        phase.Enter(DiagnosticStage.Network, ConnectPhase);
        var (socket, attempts) = await _connector.ConnectAsync(candidates, hop.Port, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            findings.Add(NetworkFindings.ConnectFailed(hop, route, provider, attempts));
            return new NetworkResult(false, findings);
        }

        var handedOver = false;
        try
        {
            findings.Add(NetworkFindings.ConnectPassed(hop, attempts));
            if (!hop.IsProxy && _options.CompareIpv6
                && await _ipv6.CheckAsync(hop.Host, hop.Port, provider, attempts[^1].Address, attempts[^1].ElapsedMs, candidates, phase, cancellationToken).ConfigureAwait(false) is { } ipv6)
            {
                findings.Add(ipv6);
            }

            if (hop.IsProxy && _proxy is { } proxy && string.Equals(route.Proxy!.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                return await proxy.CheckAsync(socket, hop, route, provider, findings, phase, cancellationToken).ConfigureAwait(false);
            }

            if (hop.IsProxy)
            {
                findings.Add(Finding.Create(
                    VerdictCodes.InfoSkipped,
                    DiagnosticStage.Network,
                    provider,
                    $"TLS to {route.Target.IdnHost} is checked through the proxy by the HTTP probe (it runs inside CONNECT).",
                    new JsonObject { ["phase"] = TlsPhase, ["reason"] = "proxy" },
                    Severity.Info,
                    title: "TLS checked through the proxy by the HTTP probe"));
                return new NetworkResult(true, findings);
            }

            if (!hop.IsHttps)
            {
                if (handoff is not null)
                {
                    handoff.Offer(hop.Host, hop.Port, socket);
                    handedOver = true;
                }

                findings.Add(Finding.Create(
                    VerdictCodes.InfoSkipped,
                    DiagnosticStage.Network,
                    provider,
                    $"{route.Target.Scheme}://{hop.Display} is not HTTPS: there is no TLS to check, and the key travels unencrypted.",
                    new JsonObject { ["phase"] = TlsPhase, ["reason"] = "not https" },
                    Severity.Info,
                    title: "No TLS: the base URL is plain HTTP"));
                return new NetworkResult(true, findings);
            }

            // TLS
            phase.Enter(DiagnosticStage.Network, TlsPhase);
            return await _tls.CheckAsync(socket, hop, provider, route.CustomBaseUrl, findings, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!handedOver)
            {
                socket.Dispose();
            }
        }
    }
}
