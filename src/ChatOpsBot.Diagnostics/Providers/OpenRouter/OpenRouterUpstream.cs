using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>
/// Reads the upstream error OpenRouter wraps in <c>error.metadata.raw</c>, in the three shapes it has had: an object
/// <c>{"__kind":"OK","data":"&lt;upstream body&gt;"}</c>, a string holding the upstream's JSON body, or plain text.
/// Gives the upstream's cause as a verdict code and its message. Never throws.
/// </summary>
internal static class OpenRouterUpstream
{
    /// <summary>The upstream's cause (a verdict code) and its own message, from <paramref name="body"/> and the status.</summary>
    public static (string Code, string? Message) Read(OpenRouterBody body, int status)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = RawText(body.Raw);
        var upstream = ProviderErrorBody.Parse(text);
        var message = upstream.Message ?? (upstream.IsJson ? null : text);
        var all = string.Join(' ', text ?? "", upstream.Code ?? "", upstream.Type ?? "", upstream.Status ?? "", body.LimitSource ?? "")
            .ToLowerInvariant();
        var upstreamStatus = int.TryParse(upstream.Code, out var n) ? n : status;

        var code = all switch
        {
            _ when Has(all, "unsupported_country_region_territory", "country, region, or territory", "user location is not supported",
                "not available in your region", "unsupported_region") => VerdictCodes.RegionUnsupported,
            _ when Has(all, "insufficient_quota", "exceeded your current quota", "credit balance is too low", "billing") => VerdictCodes.QuotaExhausted,
            _ when Has(all, "rate-limited", "rate_limit", "rate limit", "upstream_provider_shared_pool", "resource_exhausted", "too many requests")
                || upstreamStatus == 429 => VerdictCodes.RateLimited,
            _ when Has(all, "invalid_api_key", "incorrect api key", "invalid api key", "authentication_error", "api key not valid") => VerdictCodes.AuthInvalidKey,
            _ when Has(all, "permission_denied", "permission denied") => VerdictCodes.AuthPermissionDenied,
            _ when Has(all, "overloaded", "no_available_workers", "capacity") || upstreamStatus is 503 or 529 => VerdictCodes.ProviderOverloaded,
            _ when Has(all, "model_not_found", "does not exist") => VerdictCodes.ModelNotFound,
            _ when upstreamStatus is >= 500 and < 600 => VerdictCodes.ProviderServerError,
            _ when upstreamStatus is 400 or 413 or 422 => VerdictCodes.RequestInvalid,
            _ when upstreamStatus is 401 => VerdictCodes.AuthInvalidKey,
            _ when upstreamStatus is 403 => VerdictCodes.AuthPermissionDenied,
            _ => VerdictCodes.ProviderUnexpected,
        };
        return (code, message);
    }

    /// <summary>How the detail sentence says what the upstream did.</summary>
    public static string Phrase(string code) => code switch
    {
        VerdictCodes.RegionUnsupported => "refused your region",
        VerdictCodes.QuotaExhausted => "has no quota or credit left for OpenRouter's route",
        VerdictCodes.RateLimited => "is rate-limited (its shared pool, not your key)",
        VerdictCodes.AuthInvalidKey => "rejected the key OpenRouter used for it (your own provider key, if you added one)",
        VerdictCodes.AuthPermissionDenied => "refused the request",
        VerdictCodes.ProviderOverloaded => "is overloaded",
        VerdictCodes.ModelNotFound => "does not know the model",
        VerdictCodes.ProviderServerError => "failed with a server error",
        VerdictCodes.RequestInvalid => "rejected the request",
        _ => "answered with an error",
    };

    private static bool Has(string text, params string[] fragments) =>
        fragments.Any(f => text.Contains(f, StringComparison.Ordinal));

    private static string? RawText(JsonNode? raw)
    {
        try
        {
            return raw switch
            {
                JsonObject kind when kind["data"] is JsonValue data && data.GetValueKind() == JsonValueKind.String => data.GetValue<string>(),
                JsonObject other => other.ToJsonString(),
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
