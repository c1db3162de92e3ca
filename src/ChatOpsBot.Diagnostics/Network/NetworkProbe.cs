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
/// <see cref="OperationCanceledException"/> with <see cref="PhaseTracker"/> naming the phase it cut.
/// </remarks>
public sealed partial class NetworkProbe
{
    private const string DnsPhase = "dns";
    private const string ConnectPhase = "connect";
    private const string TlsPhase = "tls";

    private readonly TimeProvider _timeProvider;
    private readonly Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly NetworkProbeOptions _options;
    private readonly TlsHandshaker _tls;
    private readonly Ipv6RouteCheck _ipv6;

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
        _timeProvider = timeProvider;
        _resolve = resolver ?? Dns.GetHostAddressesAsync;
        _options = options ?? new NetworkProbeOptions();
        _tls = new TlsHandshaker(timeProvider, _options.TrustedRoots);
        _ipv6 = new Ipv6RouteCheck(timeProvider, _options.Ipv6Timeout, _options.Ipv6ConnectOverride);
    }

    private bool AcceptLoopbackAnswers => _options.AcceptLoopbackAnswers;

    private UdpDnsResolver? DirectResolver => _options.DirectResolver;

    private ProxyCheckOptions? ProxyChecks => _options.ProxyChecks;

    private bool CompareIpv6 => _options.CompareIpv6;

    private TimeSpan DnsTimeout => _options.DnsTimeout;

    public async Task<NetworkResult> RunAsync(RouteInfo route, ProviderId provider, PhaseTracker phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(phase);

        var hop = Hop.Of(route);
        var findings = new List<Finding>();

        // DNS
        phase.Enter(DiagnosticStage.Network, DnsPhase);
        var directLookup = !hop.IsProxy && DirectResolver is { } resolver && !IPAddress.TryParse(hop.Host, out _)
            ? resolver.QueryAsync(hop.Host, DnsTimeout, cancellationToken)
            : null;
        var dns = await ResolveAsync(hop.Host, cancellationToken).ConfigureAwait(false);
        var direct = directLookup is null ? null : await directLookup.ConfigureAwait(false);
        if (direct is { Failure: not null })
        {
            findings.Add(DirectDnsFailed(hop, provider, direct));
        }

        if (dns.Addresses.Count == 0)
        {
            findings.Add(WithDirect(DnsFailed(hop, route, provider, dns), direct, "yet {0} answers {1}: this machine's resolver (or /etc/hosts) is at fault, not the name."));
            return new NetworkResult(false, findings);
        }

        findings.Add(WithDirect(DnsPassed(hop, dns), direct, null));

        var candidates = dns.Addresses;
        if (!hop.IsProxy && !route.CustomBaseUrl && !dns.IsLiteral && !AcceptLoopbackAnswers)
        {
            var check = CheckAnswer(hop.Host, provider, dns.Addresses);
            if (check.Finding is not null)
            {
                findings.Add(WithDirect(check.Finding, direct, "{0} answers {1}."));
            }

            if (check.Candidates.Count == 0)
            {
                // Connecting would reach whatever the filter points at (this machine, a block page), not the API.
                return new NetworkResult(false, findings);
            }

            candidates = check.Candidates;
        }

        // TCP
        phase.Enter(DiagnosticStage.Network, ConnectPhase);
        var (socket, attempts) = await ConnectAsync(candidates, hop.Port, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            findings.Add(ConnectFailed(hop, route, provider, attempts));
            return new NetworkResult(false, findings);
        }

        using (socket)
        {
            findings.Add(ConnectPassed(hop, attempts));
            if (!hop.IsProxy && CompareIpv6
                && await _ipv6.CheckAsync(hop.Host, hop.Port, provider, attempts[^1].Address, attempts[^1].ElapsedMs, candidates, phase, cancellationToken).ConfigureAwait(false) is { } ipv6)
            {
                findings.Add(ipv6);
            }

            if (hop.IsProxy && ProxyChecks is { } checks && string.Equals(route.Proxy!.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                return await CheckProxyRouteAsync(socket, hop, route, provider, checks, findings, phase, cancellationToken).ConfigureAwait(false);
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
            var tls = await _tls.HandshakeAsync(socket, hop.Host, cancellationToken).ConfigureAwait(false);
            var intercepted = route.CustomBaseUrl ? null : InterceptionCheck(hop, provider, tls);
            if (tls.Succeeded || intercepted is null)
            {
                findings.Add(tls.Succeeded ? TlsPassed(hop, tls) : TlsFailed(hop, provider, tls));
            }

            if (intercepted is not null)
            {
                findings.Add(intercepted);
            }

            return new NetworkResult(tls.Succeeded, findings) { TlsIssuer = tls.Issuer, TlsRoot = tls.Root };
        }
    }

    private async Task<DnsAnswer> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return new DnsAnswer([literal], IsLiteral: true, 0, null, null);
        }

        var start = _timeProvider.GetTimestamp();
        var v4 = LookupAsync(host, AddressFamily.InterNetwork, cancellationToken);
        var v6 = LookupAsync(host, AddressFamily.InterNetworkV6, cancellationToken);
        await Task.WhenAll(v4, v6).ConfigureAwait(false);
        var (a, aError) = await v4.ConfigureAwait(false);
        var (aaaa, aaaaError) = await v6.ConfigureAwait(false);

        // IPv4 first: an IPv6 route that silently drops packets is common, and would eat the whole deadline.
        IReadOnlyList<IPAddress> addresses = [.. a.Concat(aaaa).Distinct()];
        return new DnsAnswer(addresses, IsLiteral: false, ElapsedMs(start), aError, aaaaError);
    }

    private async Task<(IPAddress[] Addresses, SocketError? Error)> LookupAsync(
        string host, AddressFamily family, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await _resolve(host, family, cancellationToken).ConfigureAwait(false);
            return (addresses, addresses.Length == 0 ? SocketError.NoData : null);
        }
        catch (SocketException ex)
        {
            return ([], ex.SocketErrorCode);
        }
        catch (ArgumentException)
        {
            return ([], SocketError.HostNotFound); // Dns refuses a name longer than 255 characters before asking anyone
        }
    }

    private async Task<(Socket? Socket, List<ConnectAttempt> Attempts)> ConnectAsync(
        IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        var attempts = new List<ConnectAttempt>();
        foreach (var address in addresses)
        {
            var start = _timeProvider.GetTimestamp();
            Socket? socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                attempts.Add(new ConnectAttempt(address, null, ElapsedMs(start)));
                return (socket, attempts);
            }
            catch (SocketException ex)
            {
                socket?.Dispose();
                attempts.Add(new ConnectAttempt(address, ex.SocketErrorCode, ElapsedMs(start)));
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        return (null, attempts);
    }

    private double ElapsedMs(long start) => Math.Round(_timeProvider.GetElapsedTime(start).TotalMilliseconds, 2);

    private sealed record DnsAnswer(
        IReadOnlyList<IPAddress> Addresses, bool IsLiteral, double ElapsedMs, SocketError? AError, SocketError? AaaaError);

    private sealed record ConnectAttempt(IPAddress Address, SocketError? Error, double ElapsedMs);

    /// <summary>The first hop: host and port only, so no credentials can reach a finding.</summary>
    private sealed record Hop(string Host, int Port, bool IsProxy, bool IsHttps)
    {
        public string Display => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

        public string What => IsProxy ? $"the proxy {Display}" : Host;

        public static Hop Of(RouteInfo route)
        {
            var uri = route.Proxy ?? route.Target;
            var host = uri.IdnHost.TrimStart('[').TrimEnd(']');
            var port = uri.Port > 0
                ? uri.Port
                : uri.Scheme.StartsWith("socks", StringComparison.OrdinalIgnoreCase) ? 1080 : 443;
            return new Hop(host, port, route.Proxy is not null, string.Equals(route.Target.Scheme, "https", StringComparison.OrdinalIgnoreCase));
        }
    }
}
