using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// Compares the certificate's issuer with the provider's usual CAs (Data/tls-issuers.json), for the TLS phase of
/// <see cref="NetworkProbe"/> and the TLS through a proxy tunnel.
/// </summary>
internal static class InterceptionCheck
{
    /// <summary>
    /// Only for the provider's own host: a gateway's certificate is the gateway's business. Null when nothing is wrong
    /// or nothing can be said (no certificate arrived, no data for this host).
    /// </summary>
    public static Finding? Check(Hop hop, ProviderId provider, TlsHandshakeResult tls)
    {
        var expected = ProviderNetworkData.IssuersOf(provider);
        if (tls.Issuer is not { } issuer || expected is null
            || !expected.Hosts.Contains(hop.Host, StringComparer.OrdinalIgnoreCase)
            || expected.Matches(issuer))
        {
            return null;
        }

        var evidence = NetworkFindings.TlsEvidence(hop, tls);
        evidence["expected_issuers"] = new JsonArray([.. expected.Organizations.Select(o => (JsonNode?)JsonValue.Create(o))]);
        evidence["issuers_source"] = expected.Source;
        evidence["issuers_retrieved"] = expected.Retrieved;
        evidence["tls_validated"] = tls.Succeeded;
        var usual = string.Join(", ", expected.Organizations);
        var detail = tls.Succeeded
            ? $"{hop.Host} presented a certificate issued by {issuer}, not by {provider.DisplayName()}'s usual CAs ({usual}); "
              + "this machine trusts that issuer, so requests work, but something in between (a corporate proxy, gateway "
              + "or antivirus) decrypts them and sees the key."
            : $"{hop.Host} presented a certificate issued by {issuer}, not by {provider.DisplayName()}'s usual CAs ({usual}), "
              + $"and this machine does not trust it ({tls.FailureReason}): a proxy, gateway or antivirus is intercepting HTTPS.";
        var steps = new List<string>
        {
            $"Find who issues \"{issuer}\": usually the corporate proxy or TLS-inspection gateway (Zscaler, Netskope, Fortinet, Palo Alto...) or local antivirus.",
            $"Ask IT to add {hop.Host} to the proxy's TLS-inspection bypass list; AI API keys should not be decrypted in transit.",
        };
        if (!tls.Succeeded)
        {
            steps.Add("If inspection must stay, install the corporate root CA where the app runs (update-ca-certificates, or SSL_CERT_FILE / NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE).");
        }

        return Finding.Create(
            VerdictCodes.NetworkTlsIntercepted,
            DiagnosticStage.Network,
            provider,
            detail,
            evidence,
            tls.Succeeded ? Severity.Warn : Severity.Error,
            extraStepsFirst: steps);
    }
}
