using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Network;

public sealed partial class NetworkProbe
{
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
        finding.Evidence["direct_addresses"] = ToArray(direct.Addresses);
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

    /// <summary>
    /// Block-page answers of filtering resolvers that are public addresses, so the classifier alone would pass them:
    /// Cisco Umbrella / OpenDNS answers blocked names with 146.112.61.0/24 (hit-block.opendns.com and its siblings).
    /// </summary>
    private static readonly (IPAddress Network, int Bits, string What)[] KnownSinkholes =
    [
        (IPAddress.Parse("146.112.61.0"), 24, "Cisco Umbrella / OpenDNS block page"),
    ];

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
