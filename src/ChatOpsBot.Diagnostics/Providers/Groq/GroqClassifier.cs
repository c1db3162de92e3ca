using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.Groq;

/// <summary>
/// Groq's error vocabulary: OpenAI's envelope, where <c>code</c> decides (<c>invalid_api_key</c>,
/// <c>organization_restricted</c>, <c>model_decommissioned</c>, <c>model_not_found</c>, <c>rate_limit_exceeded</c>),
/// the message names the rate limit's window (TPM/RPM per minute, TPD/RPD per day), the <c>x-ratelimit-*</c>
/// headers count requests per day and tokens per minute, <c>x-groq-region</c> proves Groq itself answered, and
/// Envoy's plain-text 503 is load shedding. The status comes last.
/// </summary>
internal static class GroqClassifier
{
    private static readonly (string Marker, string Window, string Unit)[] Windows =
    [
        ("(TPM)", "per minute", "tokens"), ("(RPM)", "per minute", "requests"),
        ("(TPD)", "per day", "tokens"), ("(RPD)", "per day", "requests"),
        ("(ASH)", "per hour", "audio seconds"), ("(ASD)", "per day", "audio seconds"),
    ];

    /// <summary>Reads an answer the provider-neutral checks left over. Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var status = response.Status;
        var code = body.Code?.ToLowerInvariant() ?? "";
        var said = body.Message is null ? "" : " " + ProviderEvidence.Quote(body.Message);
        AddGroqEvidence(response, evidence);
        Finding Make(string verdict, string detail) => ProbeAnswer.Make(verdict, stage, ProviderId.Groq, detail, evidence);

        if (code == "invalid_api_key" || body.MessageContains("invalid api key"))
        {
            return Make(VerdictCodes.AuthInvalidKey, $"Groq answered {status}{said}: the key is wrong, revoked or deleted.");
        }

        if (code == "organization_restricted" || body.MessageContains("organization has been restricted"))
        {
            return Make(VerdictCodes.AuthAccountDisabled,
                $"Groq answered {status}{said}: the organization owning the key is restricted; a new key of it will not help.");
        }

        if (code == "model_decommissioned" || body.MessageContains("has been decommissioned"))
        {
            return Make(VerdictCodes.ModelNotFound, $"Groq retired {ProbeAnswer.ModelName(context)} ({status}{said}).");
        }

        if (code == "model_not_found" || (status == 404 && context.Kind != ProbeKind.Auth && body.HasError))
        {
            return Make(VerdictCodes.ModelNotFound,
                $"Groq answered {status} for {ProbeAnswer.ModelName(context)}{said} (Groq words a missing model and one closed to the organization alike).");
        }

        if (status == 413)
        {
            return Make(VerdictCodes.RequestInvalid,
                $"Groq answered 413{said}: one request is larger than the whole per-minute budget; waiting will not help.");
        }

        if (code == "rate_limit_exceeded" || status == 429)
        {
            var window = RateWindow(body.Message, response, evidence);
            return Make(VerdictCodes.RateLimited, $"Groq answered {status}: {window}{said}.");
        }

        if (code == "capacity_exceeded" || status == 498)
        {
            return Make(VerdictCodes.ProviderOverloaded, $"Groq answered {status}{said}: the Flex tier has no capacity right now.");
        }

        if (status == 503 && (body.MessageContains("capacity") || body.MessageContains("overloaded")
            || response.Body.Contains("upstream connect error", StringComparison.OrdinalIgnoreCase)
            || response.Header("x-envoy-overloaded") is not null))
        {
            if (!body.IsJson)
            {
                evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
            }

            return Make(VerdictCodes.ProviderOverloaded, $"Groq shed the request ({status}): it is over capacity; retry shortly.");
        }

        if (status is >= 500 and < 600)
        {
            return Make(VerdictCodes.ProviderServerError, $"Groq answered {status}{said}.");
        }

        if (status is 400 or 422 && body.HasError && context.Kind != ProbeKind.Auth)
        {
            return Make(VerdictCodes.RequestInvalid, $"Groq rejected the request ({status}){said}.");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    /// <summary>Which limit: the window from the message, else from the header that hit 0 (requests = per day, tokens = per minute).</summary>
    private static string RateWindow(string? message, ProbeResponse response, JsonObject evidence)
    {
        foreach (var (marker, window, unit) in Windows)
        {
            if (message?.Contains(marker, StringComparison.Ordinal) == true)
            {
                evidence["limit_window"] = window;
                evidence["limit_unit"] = unit;
                return $"the {unit} {window} limit {marker} is reached";
            }
        }

        if (response.Header("x-ratelimit-remaining-requests")?.Trim() == "0")
        {
            evidence["limit_window"] = "per day";
            evidence["limit_unit"] = "requests";
            return "the requests per day limit is reached (x-ratelimit-remaining-requests: 0)";
        }

        if (response.Header("x-ratelimit-remaining-tokens")?.Trim() == "0")
        {
            evidence["limit_window"] = "per minute";
            evidence["limit_unit"] = "tokens";
            return "the tokens per minute limit is reached (x-ratelimit-remaining-tokens: 0)";
        }

        return "too many requests";
    }

    private static void AddGroqEvidence(ProbeResponse response, JsonObject evidence)
    {
        if (response.Header("x-groq-region") is { Length: > 0 } region)
        {
            evidence["groq_region"] = ProviderEvidence.Truncate(region, 40);
        }

        // Groq documents x-ratelimit-*-requests as requests per DAY and x-ratelimit-*-tokens as tokens per MINUTE.
        if (evidence.ContainsKey("ratelimit_limit_requests") || evidence.ContainsKey("ratelimit_remaining_requests"))
        {
            evidence["ratelimit_requests_window"] = "per day";
        }

        if (evidence.ContainsKey("ratelimit_limit_tokens") || evidence.ContainsKey("ratelimit_remaining_tokens"))
        {
            evidence["ratelimit_tokens_window"] = "per minute";
        }
    }
}
