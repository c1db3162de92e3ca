using System.Globalization;

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>How a gateway's answers become findings: its own refusals, and its upstream's failures naming both.</summary>
internal static class GatewayFindings
{
    /// <summary>The gateway's own refusal (the user's key, budget, model list, network): the usual codes, gateway named.</summary>
    public static Finding Own(ProbeReading reading, string code, string what, string message)
    {
        var gateway = GatewayNames.Display(reading.Gateway ?? "");
        return ProbeAnswer.Make(code, ProbeAnswer.StageOf(reading.Context.Kind), reading.Context.Provider,
            string.Create(CultureInfo.InvariantCulture,
                $"{gateway} (the gateway) answered {reading.Status}: {what} ({ProviderEvidence.Quote(message)})."),
            reading.Evidence);
    }

    /// <summary>
    /// The gateway accepted the key and its upstream failed: <c>gateway.upstream_error</c> with <c>upstream_code</c>, the
    /// operator's to fix. An upstream refusal of the request itself stays <c>request.invalid</c> (nothing failed).
    /// </summary>
    public static Finding Upstream(ProbeReading reading, string upstreamCode, string? upstream, string message)
    {
        var gateway = GatewayNames.Display(reading.Gateway ?? "");
        var stage = ProbeAnswer.StageOf(reading.Context.Kind);
        var who = upstream is null ? "its upstream" : $"its upstream ({upstream})";
        if (upstream is not null)
        {
            reading.Evidence["upstream"] = upstream;
        }

        if (upstreamCode == VerdictCodes.RequestInvalid)
        {
            return ProbeAnswer.Make(VerdictCodes.RequestInvalid, stage, reading.Context.Provider,
                string.Create(CultureInfo.InvariantCulture,
                    $"{gateway} accepted your key; {who} rejected the request itself (HTTP {reading.Status}: {ProviderEvidence.Quote(message)})."),
                reading.Evidence);
        }

        reading.Evidence["upstream_code"] = upstreamCode;
        return ProbeAnswer.Make(VerdictCodes.GatewayUpstreamError, stage, reading.Context.Provider,
            string.Create(CultureInfo.InvariantCulture,
                $"{gateway} accepted your key; {who} {UpstreamCause.Phrase(upstreamCode)} (HTTP {reading.Status}: {ProviderEvidence.Quote(message)}). The gateway's operator must fix this, not you."),
            reading.Evidence);
    }
}
