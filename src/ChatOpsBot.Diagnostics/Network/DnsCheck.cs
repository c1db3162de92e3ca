using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The DNS phase of <see cref="NetworkProbe"/>: A and AAAA together through the system resolver, timed, compared with
/// a second DNS server asked directly when one is set, and, for a provider's own host, judged for impossible answers.
/// </summary>
/// <param name="timeProvider">Times the lookup.</param>
/// <param name="resolver">Looks a name up for one address family.</param>
/// <param name="directResolver">A second DNS server asked directly (<see cref="NetworkProbeOptions.DirectResolver"/>); null: none.</param>
/// <param name="directTimeout">How long <paramref name="directResolver"/> may take (<see cref="NetworkProbeOptions.DnsTimeout"/>).</param>
/// <param name="acceptLoopbackAnswers">Tests only: skip the judging of answers (<see cref="NetworkProbeOptions.AcceptLoopbackAnswers"/>).</param>
internal sealed class DnsCheck(
    TimeProvider timeProvider,
    Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>> resolver,
    UdpDnsResolver? directResolver,
    TimeSpan directTimeout,
    bool acceptLoopbackAnswers)
{
    /// <summary>
    /// Block-page answers of filtering resolvers that are public addresses, so the classifier alone would pass them:
    /// Cisco Umbrella / OpenDNS answers blocked names with 146.112.61.0/24 (hit-block.opendns.com and its siblings).
    /// </summary>
    private static readonly (IPAddress Network, int Bits, string What)[] KnownSinkholes =
    [
        (IPAddress.Parse("146.112.61.0"), 24, "Cisco Umbrella / OpenDNS block page"),
    ];

    /// <summary>
    /// Looks <paramref name="hop"/> up and adds the DNS findings to <paramref name="findings"/>. Returns the addresses
    /// to connect to, or null when there is nothing to connect to (no answer, or only impossible ones).
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>?> CheckAsync(
        Hop hop, RouteInfo route, ProviderId provider, List<Finding> findings, CancellationToken cancellationToken)
    {
        var directLookup = !hop.IsProxy && directResolver is { } second && !IPAddress.TryParse(hop.Host, out _)
            ? second.QueryAsync(hop.Host, directTimeout, cancellationToken)
            : null;
        var dns = await ResolveAsync(hop.Host, cancellationToken).ConfigureAwait(false);
        var direct = directLookup is null ? null : await directLookup.ConfigureAwait(false);
        if (direct is { Failure: not null })
        {
            findings.Add(DirectDnsFailed(hop, provider, direct));
        }

        if (dns.Addresses.Count == 0)
        {
            findings.Add(WithDirect(NetworkFindings.DnsFailed(hop, route, provider, dns), direct, "yet {0} answers {1}: this machine's resolver (or /etc/hosts) is at fault, not the name."));
            return null;
        }

        findings.Add(WithDirect(NetworkFindings.DnsPassed(hop, dns), direct, null));

        var candidates = dns.Addresses;
        if (!hop.IsProxy && !route.CustomBaseUrl && !dns.IsLiteral && !acceptLoopbackAnswers)
        {
            var check = CheckAnswer(hop.Host, provider, dns.Addresses);
            if (check.Finding is not null)
            {
                findings.Add(WithDirect(check.Finding, direct, "{0} answers {1}."));
            }

            if (check.Candidates.Count == 0)
            {
                // Connecting would reach whatever the filter points at (this machine, a block page), not the API.
                return null;
            }

            candidates = check.Candidates;
        }

        return candidates;
    }

    /// <summary>A and AAAA for <paramref name="host"/> together, timed; an IP literal is its own answer.</summary>
    public async Task<DnsAnswer> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return new DnsAnswer([literal], IsLiteral: true, 0, null, null);
        }

        var start = timeProvider.GetTimestamp();
        var v4 = LookupAsync(host, AddressFamily.InterNetwork, cancellationToken);
        var v6 = LookupAsync(host, AddressFamily.InterNetworkV6, cancellationToken);
        await Task.WhenAll(v4, v6).ConfigureAwait(false);
        var (a, aError) = await v4.ConfigureAwait(false);
        var (aaaa, aaaaError) = await v6.ConfigureAwait(false);

        // IPv4 first: an IPv6 route that silently drops packets is common, and would eat the whole deadline.
        IReadOnlyList<IPAddress> addresses = [.. a.Concat(aaaa).Distinct()];
        return new DnsAnswer(addresses, IsLiteral: false, NetworkTiming.ElapsedMs(timeProvider, start), aError, aaaaError);
    }

    private async Task<(IPAddress[] Addresses, SocketError? Error)> LookupAsync(
        string host, AddressFamily family, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await resolver(host, family, cancellationToken).ConfigureAwait(false);
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
            ["addresses"] = NetworkFindings.ToArray(addresses),
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

    /// <summary>
    /// Adds what the directly asked server said to a DNS finding: both answers side by side in the evidence, and,
    /// when <paramref name="sentence"/> is given ({0} the server, {1} its addresses), a sentence in the detail.
    /// </summary>
    private static Finding WithDirect(Finding finding, DirectDnsAnswer? direct, string? sentence)
    {
        if (direct is null)
        {
            return finding;
        }

        finding.Evidence["dns_server"] = direct.Server.ToString();
        finding.Evidence["direct_addresses"] = NetworkFindings.ToArray(direct.Addresses);
        finding.Evidence["direct_dns_ms"] = direct.ElapsedMs;
        if (direct.Failure is not null)
        {
            finding.Evidence["direct_dns_failure"] = direct.Failure;
            return finding;
        }

        if (finding.Evidence["addresses"] is JsonArray system)
        {
            var systemSet = system.Select(n => (string?)n).ToHashSet(StringComparer.Ordinal);
            finding.Evidence["answers_agree"] = direct.Addresses.Any(a => systemSet.Contains(a.ToString()));
        }

        if (sentence is null)
        {
            return finding;
        }

        var text = string.Format(CultureInfo.InvariantCulture, sentence, $"the DNS server {direct.Server}", string.Join(", ", direct.Addresses));
        return finding with { Detail = finding.Detail.TrimEnd() + " " + char.ToUpperInvariant(text[0]) + text[1..] };
    }

    private static Finding DirectDnsFailed(Hop hop, ProviderId provider, DirectDnsAnswer direct) => Finding.Create(
        VerdictCodes.NetworkDnsFailed,
        DiagnosticStage.Network,
        provider,
        $"The DNS server {direct.Server} (Network:DnsServer) gave no address for {hop.Host}: {direct.Failure}. "
            + "The system resolver's answer could not be compared with a second opinion.",
        new JsonObject
        {
            ["host"] = hop.Host,
            ["dns_server"] = direct.Server.ToString(),
            ["direct_dns_failure"] = direct.Failure,
            ["direct_dns_ms"] = direct.ElapsedMs,
        },
        Severity.Warn,
        title: "The second DNS server did not answer",
        extraStepsFirst:
        [
            $"Check that UDP port {direct.Server.Port} to {direct.Server.Address} is open from here (a firewall often allows only the local resolver): nslookup {hop.Host} {direct.Server.Address}",
            "Or set Network:DnsServer to a resolver this network allows, or leave it empty.",
        ]);

    private static bool IsPlausible(IPAddress address) => AddressClassifier.IsPublic(address) && SinkholeOf(address) is null;

    private static string DescribeImpossible(IPAddress address) =>
        SinkholeOf(address) ?? AddressClassifier.Describe(AddressClassifier.Classify(address));

    private static string? SinkholeOf(IPAddress address)
    {
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var (network, bits, what) in KnownSinkholes)
        {
            if (v4.AddressFamily == network.AddressFamily && new IPNetwork(network, bits).Contains(v4))
            {
                return what;
            }
        }

        return null;
    }
}
