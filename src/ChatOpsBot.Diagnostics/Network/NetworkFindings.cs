using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The findings and evidence of the DNS, connect and TLS phases of <see cref="NetworkProbe"/>: what each result means,
/// in words and JSON.
/// </summary>
internal static class NetworkFindings
{
    internal static Finding DnsPassed(Hop hop, DnsAnswer dns)
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

    internal static Finding DnsFailed(Hop hop, RouteInfo route, ProviderId provider, DnsAnswer dns)
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

    internal static Finding ConnectPassed(Hop hop, List<ConnectAttempt> attempts)
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

    internal static Finding ConnectFailed(Hop hop, RouteInfo route, ProviderId provider, List<ConnectAttempt> attempts)
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
            evidence["phase"] = NetworkProbe.ConnectPhase;
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

    internal static Finding TlsPassed(Hop hop, TlsHandshakeResult tls) => Finding.Pass(
        DiagnosticStage.Network,
        $"TLS handshake with {hop.Host}",
        $"{tls.Protocol} in {Ms(tls.ElapsedMs)}; certificate issued by {tls.Issuer}"
            + (tls.NotAfter is { } until ? $", valid until {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}." : "."),
        TlsEvidence(hop, tls));

    internal static Finding TlsFailed(Hop hop, ProviderId provider, TlsHandshakeResult tls) => Finding.Create(
        VerdictCodes.NetworkTlsFailed,
        DiagnosticStage.Network,
        provider,
        $"The TLS handshake with {hop.Display} failed: {tls.FailureReason}."
            + (tls.Issuer is null ? string.Empty : $" The certificate presented was issued by {tls.Issuer}."),
        TlsEvidence(hop, tls));

    internal static JsonObject TlsEvidence(Hop hop, TlsHandshakeResult tls)
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

    internal static JsonObject ProxyEvidence(JsonObject evidence, Hop hop, RouteInfo route)
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

    internal static JsonArray ToArray(IEnumerable<IPAddress> addresses) =>
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

    internal static string Describe(SocketError? error) => error switch
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

    internal static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();

    internal static string Ms(double ms) => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms";
}
