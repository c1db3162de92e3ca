using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Network;

// The findings and evidence of the DNS, connect and TLS phases: what each result means, in words and JSON.
public sealed partial class NetworkProbe
{
    private static Finding DnsPassed(Hop hop, DnsAnswer dns)
    {
        var evidence = new JsonObject
        {
            ["host"] = hop.Host,
            ["addresses"] = ToArray(dns.Addresses),
            ["dns_ms"] = dns.ElapsedMs,
        };
        if (dns.IsLiteral)
        {
            evidence["dns_skipped"] = "ip literal";
            return Finding.Pass(
                DiagnosticStage.Network,
                $"No DNS lookup needed for {hop.What}",
                $"{hop.Host} is an IP address: DNS was skipped.",
                evidence);
        }

        AddErrors(evidence, dns);
        return Finding.Pass(
            DiagnosticStage.Network,
            $"DNS resolves {hop.What}",
            $"{hop.Host} resolves to {string.Join(", ", dns.Addresses)} in {Ms(dns.ElapsedMs)}.",
            evidence);
    }

    private static Finding DnsFailed(Hop hop, RouteInfo route, ProviderId provider, DnsAnswer dns)
    {
        var evidence = new JsonObject { ["host"] = hop.Host, ["dns_ms"] = dns.ElapsedMs };
        AddErrors(evidence, dns);
        var errors = $"A: {dns.AError}, AAAA: {dns.AaaaError}";
        return hop.IsProxy
            ? Finding.Create(
                VerdictCodes.NetworkProxy,
                DiagnosticStage.Network,
                provider,
                $"The proxy host {hop.Host} (from {route.ProxySource ?? "the settings"}) does not resolve ({errors}).",
                ProxyEvidence(evidence, hop, route))
            : Finding.Create(
                VerdictCodes.NetworkDnsFailed,
                DiagnosticStage.Network,
                provider,
                $"{hop.Host} does not resolve ({errors}).",
                evidence);
    }

    /// <summary>
    /// Judges the DNS answer for a provider's public host: no finding when every address is public; an error (and
    /// nothing to connect to) when none is; a warning when a filter answers for part of the lookups (only the public
    /// addresses are tried) or a fake-IP proxy answers (198.18.0.0/15, tried as is).
    /// </summary>
    internal static (Finding? Finding, IReadOnlyList<IPAddress> Candidates) CheckAnswer(
        string host, ProviderId provider, IReadOnlyList<IPAddress> addresses)
    {
        var bogus = addresses.Where(a => !IsPlausible(a)).ToList();
        if (bogus.Count == 0)
        {
            return (null, addresses);
        }

        var usable = addresses.Where(IsPlausible).ToList();
        var fakeIp = bogus.All(a => AddressClassifier.Classify(a) == AddressKind.Benchmarking);
        var kinds = new JsonObject();
        foreach (var address in bogus)
        {
            kinds[address.ToString()] = DescribeImpossible(address);
        }

        var evidence = new JsonObject
        {
            ["host"] = host,
            ["addresses"] = ToArray(addresses),
            ["impossible_addresses"] = kinds,
        };
        var listed = string.Join(", ", bogus.Select(a => $"{a} ({DescribeImpossible(a)})"));
        if (usable.Count > 0)
        {
            var detail = $"{host} resolves to {listed} besides public addresses ({string.Join(", ", usable)}): "
                + "a filter answers for part of the lookups; only the public addresses are tried.";
            return (Hijacked(detail, Severity.Warn), usable);
        }

        if (fakeIp)
        {
            var detail = $"{host} resolves to {listed}: a fake-IP proxy (Clash, Surge...) answers DNS here, so traffic "
                + "to the API depends on that proxy running.";
            return (Hijacked(detail, Severity.Warn), addresses);
        }

        var blocked = $"{host} resolves to {listed}, which cannot be {provider.DisplayName()}'s API: "
            + "a DNS filter, ad blocker or /etc/hosts entry redirects it.";
        return (Hijacked(blocked, Severity.Error), []);

        Finding Hijacked(string detail, Severity severity) =>
            Finding.Create(VerdictCodes.NetworkDnsHijacked, DiagnosticStage.Network, provider, detail, evidence, severity);
    }

    private static Finding ConnectPassed(Hop hop, List<ConnectAttempt> attempts)
    {
        var last = attempts[^1];
        return Finding.Pass(
            DiagnosticStage.Network,
            $"TCP connection to {hop.What}",
            $"Connected to {Endpoint(last.Address, hop.Port)} in {Ms(last.ElapsedMs)}"
                + (attempts.Count > 1 ? $" after {attempts.Count - 1} failed attempt(s)." : "."),
            new JsonObject
            {
                ["host"] = hop.Host,
                ["address"] = last.Address.ToString(),
                ["port"] = hop.Port,
                ["connect_ms"] = last.ElapsedMs,
                ["attempts"] = AttemptsEvidence(attempts),
            });
    }

    private static Finding ConnectFailed(Hop hop, RouteInfo route, ProviderId provider, List<ConnectAttempt> attempts)
    {
        var first = attempts[0];
        var evidence = new JsonObject
        {
            ["host"] = hop.Host,
            ["address"] = first.Address.ToString(),
            ["port"] = hop.Port,
            ["socket_error"] = first.Error?.ToString(),
            ["attempts"] = AttemptsEvidence(attempts),
        };
        var tried = string.Join("; ", attempts.Select(a => $"{Endpoint(a.Address, hop.Port)}: {Describe(a.Error)}"));
        if (hop.IsProxy)
        {
            return Finding.Create(
                VerdictCodes.NetworkProxy,
                DiagnosticStage.Network,
                provider,
                $"The proxy {hop.Display} (from {route.ProxySource ?? "the settings"}) does not accept connections ({tried}).",
                ProxyEvidence(evidence, hop, route));
        }

        if (attempts.All(a => a.Error == SocketError.TimedOut))
        {
            evidence["phase"] = ConnectPhase;
            return Finding.Create(
                VerdictCodes.NetworkTimeout,
                DiagnosticStage.Network,
                provider,
                $"No answer from {hop.Display} while connecting ({tried}).",
                evidence);
        }

        return Finding.Create(
            VerdictCodes.NetworkConnectFailed,
            DiagnosticStage.Network,
            provider,
            $"Could not open a TCP connection to {hop.Display} ({tried}).",
            evidence);
    }

    private static Finding TlsPassed(Hop hop, TlsHandshakeResult tls) => Finding.Pass(
        DiagnosticStage.Network,
        $"TLS handshake with {hop.Host}",
        $"{tls.Protocol} in {Ms(tls.ElapsedMs)}; certificate issued by {tls.Issuer}"
            + (tls.NotAfter is { } until ? $", valid until {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}." : "."),
        TlsEvidence(hop, tls));

    private static Finding TlsFailed(Hop hop, ProviderId provider, TlsHandshakeResult tls) => Finding.Create(
        VerdictCodes.NetworkTlsFailed,
        DiagnosticStage.Network,
        provider,
        $"The TLS handshake with {hop.Display} failed: {tls.FailureReason}."
            + (tls.Issuer is null ? string.Empty : $" The certificate presented was issued by {tls.Issuer}."),
        TlsEvidence(hop, tls));

    private static JsonObject TlsEvidence(Hop hop, TlsHandshakeResult tls)
    {
        var evidence = new JsonObject { ["tls_sni"] = hop.Host, ["tls_ms"] = tls.ElapsedMs };
        Add(evidence, "tls_protocol", tls.Protocol);
        Add(evidence, "tls_cipher", tls.CipherSuite);
        Add(evidence, "tls_alpn", tls.ApplicationProtocol);
        Add(evidence, "tls_issuer", tls.Issuer);
        Add(evidence, "tls_subject", tls.Subject);
        Add(evidence, "tls_not_after", tls.NotAfter?.ToString("O", CultureInfo.InvariantCulture));
        Add(evidence, "tls_root", tls.Root);
        if (!tls.Succeeded)
        {
            evidence["tls_errors"] = tls.PolicyErrors.ToString();
            evidence["tls_chain_status"] = tls.ChainStatus.ToString();
        }

        return evidence;
    }

    private static JsonObject ProxyEvidence(JsonObject evidence, Hop hop, RouteInfo route)
    {
        evidence["proxy"] = hop.Display;
        evidence["proxy_source"] = route.ProxySource;
        return evidence;
    }

    private static void AddErrors(JsonObject evidence, DnsAnswer dns)
    {
        Add(evidence, "a_error", dns.AError?.ToString());
        Add(evidence, "aaaa_error", dns.AaaaError?.ToString());
    }

    private static void Add(JsonObject evidence, string name, string? value)
    {
        if (value is not null)
        {
            evidence[name] = value;
        }
    }

    private static JsonArray ToArray(IEnumerable<IPAddress> addresses) =>
        [.. addresses.Select(a => (JsonNode?)JsonValue.Create(a.ToString()))];

    private static JsonArray AttemptsEvidence(List<ConnectAttempt> attempts) =>
    [
        .. attempts.Select(a => (JsonNode?)new JsonObject
        {
            ["address"] = a.Address.ToString(),
            ["outcome"] = a.Error?.ToString() ?? "connected",
            ["ms"] = a.ElapsedMs,
        }),
    ];

    private static string Describe(SocketError? error) => error switch
    {
        null => "connected",
        SocketError.ConnectionRefused => "refused (ConnectionRefused)",
        SocketError.ConnectionReset => "reset (ConnectionReset)",
        SocketError.HostUnreachable => "host unreachable (HostUnreachable)",
        SocketError.NetworkUnreachable => "network unreachable (NetworkUnreachable)",
        SocketError.TimedOut => "timed out (TimedOut)",
        SocketError.AddressFamilyNotSupported => "this machine has no IPv6 (AddressFamilyNotSupported)",
        { } other => other.ToString(),
    };

    private static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();

    internal static string Ms(double ms) => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms";
}
