using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>
/// Reads a success of the free key check <c>GET /key</c>: the key's spend limit and what is left of it, its usage,
/// the free tier. An exhausted per-key limit predicts the 403 "Key limit exceeded" of the next paid request.
/// </summary>
internal static class OpenRouterAccount
{
    public static Finding Read(OpenRouterBody router, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(evidence);
        if (router.Data is not { } data)
        {
            return Finding.Pass(DiagnosticStage.Auth, "OpenRouter key check",
                "OpenRouter's key check (GET /api/v1/key) answered without the key's facts.", evidence);
        }

        var limit = OpenRouterBody.Number(data, "limit");
        var remaining = OpenRouterBody.Number(data, "limit_remaining");
        var usage = OpenRouterBody.Number(data, "usage");
        var freeTier = OpenRouterBody.Bool(data, "is_free_tier");
        var reset = OpenRouterBody.Text(data, "limit_reset");
        AddNumber(evidence, "key_limit_usd", limit);
        AddNumber(evidence, "key_limit_remaining_usd", remaining);
        AddNumber(evidence, "key_usage_usd", usage);
        if (reset is not null)
        {
            evidence["key_limit_reset"] = ProviderEvidence.Truncate(reset, 20);
        }

        if (freeTier is { } free)
        {
            evidence["is_free_tier"] = free;
        }

        if (data["rate_limit"] is JsonObject rate && OpenRouterBody.Int(rate, "requests") is { } requests)
        {
            evidence["rate_limit_requests"] = requests;
            if (OpenRouterBody.Text(rate, "interval") is { } interval)
            {
                evidence["rate_limit_interval"] = ProviderEvidence.Truncate(interval, 20);
            }
        }

        if (limit is not null && remaining is <= 0)
        {
            evidence["limit"] = "key";
            return ProbeAnswer.Make(VerdictCodes.QuotaExhausted, DiagnosticStage.Auth, ProviderId.OpenRouter,
                string.Create(CultureInfo.InvariantCulture,
                    $"OpenRouter accepted the key, but its own spend limit is used up (${limit} limit, ${remaining} left{ResetText(reset)}): the next paid request gets 403 \"Key limit exceeded\"."),
                evidence);
        }

        var left = remaining is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"${r} left of this key's ${limit} limit{ResetText(reset)}")
            : "no spend limit on this key";
        var tier = freeTier == true
            ? "; the account never bought credits, so only :free models work (50 requests a day) and paid models answer 402"
            : "";
        return Finding.Pass(DiagnosticStage.Auth, "OpenRouter key check",
            string.Create(CultureInfo.InvariantCulture, $"OpenRouter's key check: {left}, ${usage ?? 0} used so far{tier}."), evidence);
    }

    private static string ResetText(string? reset) => reset is null ? "" : $", reset {reset}";

    private static void AddNumber(JsonObject evidence, string key, decimal? value)
    {
        if (value is { } v)
        {
            evidence[key] = v;
        }
    }
}
