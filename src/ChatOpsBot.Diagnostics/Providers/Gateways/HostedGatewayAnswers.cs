namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// Cloudflare AI Gateway, Portkey and Helicone: their own envelopes. A provider's answer they pass through unchanged
/// (Helicone's proxy, Cloudflare with the caller's own provider key) is the user's key speaking: left to the provider's
/// reading, with the gateway named.
/// </summary>
internal static class HostedGatewayAnswers
{
    public static Finding? Read(ProbeReading reading, GatewayAnswer answer) => reading.Gateway switch
    {
        GatewayNames.CloudflareAiGateway => Cloudflare(reading, answer),
        GatewayNames.Portkey => Portkey(reading, answer),
        GatewayNames.Helicone => Helicone(reading, answer),
        _ => null,
    };

    private static Finding? Cloudflare(ProbeReading reading, GatewayAnswer answer)
    {
        if (answer.CloudflareErrors.Count == 0)
        {
            return null;
        }

        var (code, message) = answer.CloudflareErrors[0];
        reading.Evidence["cloudflare_error_code"] = code;
        return code switch
        {
            10000 or 2009 => GatewayFindings.Own(reading, VerdictCodes.AuthInvalidKey,
                "Cloudflare refused the Cloudflare credential (API token or gateway token): it is missing or invalid", message),
            7003 => GatewayFindings.Own(reading, VerdictCodes.RequestInvalid,
                "Cloudflare could not route the request: the account or gateway id in the base URL is wrong", message),
            _ => null,
        };
    }

    private static Finding? Portkey(ProbeReading reading, GatewayAnswer answer)
    {
        if (answer.HtmlMessage is { } lost)
        {
            // An HTTP 200 whose body only says the connection to the provider was lost: not a success.
            return GatewayFindings.Upstream(reading, UpstreamCause.Of(lost, 502), null, lost);
        }

        if (answer.RootStatus != "failure" || answer.Message is not { } message)
        {
            return null;
        }

        return message.Contains("x-portkey-config or x-portkey-provider", StringComparison.OrdinalIgnoreCase)
            ? GatewayFindings.Own(reading, VerdictCodes.AuthWrongHeader,
                "Portkey needs its own headers (x-portkey-api-key and x-portkey-provider or x-portkey-config); a plain OpenAI client sends neither", message)
            : GatewayFindings.Own(reading, VerdictCodes.RequestInvalid, "Portkey rejected the request", message);
    }

    private static Finding? Helicone(ProbeReading reading, GatewayAnswer answer)
    {
        if (answer.Text.TrimStart().StartsWith("Invalid Helicone API key", StringComparison.OrdinalIgnoreCase))
        {
            reading.Evidence["body_excerpt"] = ProviderEvidence.Excerpt(answer.Text);
            return GatewayFindings.Own(reading, VerdictCodes.AuthInvalidKey,
                "Helicone refused its own key (the Helicone-Auth header or the gateway key), not the provider's", answer.Text);
        }

        if (answer.Details.FirstOrDefault(d => d.Status > 0) is not { Status: > 0 } first)
        {
            return null;
        }

        var byok = answer.Details.Any(d => d.Source.EndsWith("/byok", StringComparison.Ordinal));
        var sourceParts = answer.Details.Select(d => d.Source.Split('/')).FirstOrDefault(p => p.Length >= 2);
        var upstream = sourceParts?[1];
        var message = answer.Message ?? first.Message;
        reading.Evidence["upstream_status"] = first.Status;
        var cause = UpstreamCause.Of(first.Message, first.Status);
        return byok || cause == VerdictCodes.RequestInvalid
            ? GatewayFindings.Own(reading, cause,
                byok ? $"the provider ({upstream ?? "upstream"}) answered {first.Status} for your own key (BYOK)" : $"the provider answered {first.Status}", message)
            : GatewayFindings.Upstream(reading, cause, upstream, message);
    }
}
