using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>
/// OpenRouter's error vocabulary: the message and <c>error.metadata</c> decide, the status last (a per-key spend
/// limit is 403, an upstream's region refusal may be 400, a failure after acceptance may be 200). Every answer it
/// reads carries evidence <c>gateway: openrouter</c>; an upstream's error wrapped as "Provider returned error" is
/// <c>gateway.upstream_error</c> with the upstream's cause in <c>upstream_code</c>.
/// </summary>
internal static class OpenRouterClassifier
{
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        evidence["gateway"] = "openrouter";
        var router = OpenRouterBody.Parse(response.Body);
        var status = response.Status;
        if (context.Kind == ProbeKind.Account && status is >= 200 and < 300)
        {
            return OpenRouterAccount.Read(router, evidence);
        }

        var stage = ProbeAnswer.StageOf(context.Kind);
        var message = router.Message ?? body.Message;
        var m = message?.ToLowerInvariant() ?? "";
        var said = ProviderEvidence.Quote(message);
        if (message is not null && body.Message is null)
        {
            evidence["provider_message"] = ProviderEvidence.Truncate(EchoMask.Apply(message), ProviderEvidence.MaxExcerptChars);
        }

        if (router.LimitSource is { } source)
        {
            evidence["limit_source"] = ProviderEvidence.Truncate(source, 80);
        }

        Finding Make(string code, string detail) => ProbeAnswer.Make(code, stage, ProviderId.OpenRouter, detail, evidence);

        if (m == "provider returned error" || router.Raw is not null || router.LimitSource == "upstream_provider_shared_pool")
        {
            return Upstream(router, status, evidence, stage);
        }

        if (m.Contains("missing authentication header", StringComparison.Ordinal) || m.Contains("no auth credentials found", StringComparison.Ordinal)
            || m.Contains("no cookie auth credentials found", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.AuthMissingKey, $"OpenRouter answered {status}: no key arrived in the Authorization header ({said}).");
        }

        if (m.Contains("user not found", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.AuthInvalidKey,
                $"OpenRouter answered {status}: it does not know this key ({said}); deleted, disabled or mistyped. (Once, during an incident, it said this to valid keys: check https://status.openrouter.ai.)");
        }

        if (m.Contains("never purchased credits", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.BillingNotEnabled, $"OpenRouter answered {status}: the key's account never bought credits ({said}).");
        }

        if (m.Contains("key limit exceeded", StringComparison.Ordinal))
        {
            evidence["limit"] = "key";
            return Make(VerdictCodes.QuotaExhausted,
                $"OpenRouter answered {status}: this key's own spend limit is used up ({said}); the account may still have credits.");
        }

        if (router.LimitSource == "openrouter_in_flight_budget")
        {
            return Make(VerdictCodes.RateLimited, $"OpenRouter answered {status}: too much is in flight for the balance right now ({said}).");
        }

        if (status == 402 || m.Contains("insufficient credits", StringComparison.Ordinal) || m.Contains("requires more credits", StringComparison.Ordinal)
            || m.Contains("more credits are required", StringComparison.Ordinal) || router.LimitSource == "openrouter_credits")
        {
            evidence["limit"] = "account";
            return Make(VerdictCodes.QuotaExhausted, $"OpenRouter answered {status}: the account's credits do not cover even this request ({said}).");
        }

        if (m.Contains("requires moderation", StringComparison.Ordinal) || router.Metadata?["reasons"] is JsonArray)
        {
            return Make(VerdictCodes.RequestInvalid, $"OpenRouter's moderation refused the prompt ({status}): {said} The key works.");
        }

        if (m.Contains("free-models-per-day", StringComparison.Ordinal) || router.LimitSource == "openrouter_free_tier_daily")
        {
            evidence["limit"] = "free-models-per-day";
            if (router.Metadata?["headers"] is JsonObject headers && OpenRouterBody.Text(headers, "X-RateLimit-Remaining") is { } remaining)
            {
                evidence["ratelimit_remaining_requests"] = ProviderEvidence.Truncate(remaining, 40);
            }

            return Make(VerdictCodes.RateLimited, $"OpenRouter answered {status}: the daily cap on :free models is spent ({said}); it resets daily.");
        }

        if (m.Contains("is not a valid model id", StringComparison.Ordinal) || m.Contains("no endpoints found for", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.ModelNotFound, $"OpenRouter answered {status} for {ProbeAnswer.ModelName(context)}: {said}");
        }

        if (m.Contains("no allowed providers", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.ModelNoAccess,
                $"OpenRouter serves {ProbeAnswer.ModelName(context)}, but this account's provider settings exclude every provider of it ({said}).");
        }

        if (m.Contains("no endpoints found that", StringComparison.Ordinal) || m.Contains("no endpoints available matching", StringComparison.Ordinal)
            || m.Contains("matching your data policy", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.RequestInvalid, $"OpenRouter found no provider that fits this request or your privacy settings ({status}): {said}");
        }

        if (status is >= 200 and < 300 && router.ErrorCode is >= 500 and < 600)
        {
            evidence["error_code"] = router.ErrorCode.Value;
            return Make(VerdictCodes.ProviderServerError,
                $"OpenRouter answered {status} but the body is error {router.ErrorCode.Value} ({said}): the provider failed after accepting the request.");
        }

        if (status == 429)
        {
            return Make(VerdictCodes.RateLimited, $"OpenRouter answered 429: {said}");
        }

        if (status is 502 or 503 && body.HasError)
        {
            return Make(VerdictCodes.ProviderOverloaded, $"OpenRouter answered {status}: no provider could serve the model right now ({said}).");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    private static Finding Upstream(OpenRouterBody router, int status, JsonObject evidence, DiagnosticStage stage)
    {
        var (code, message) = OpenRouterUpstream.Read(router, status);
        var name = router.ProviderName is { Length: > 0 } p ? ProviderEvidence.Truncate(p, 60) : null;
        evidence["upstream_code"] = code;
        if (name is not null)
        {
            evidence["upstream_provider"] = name;
        }

        if (message is not null)
        {
            evidence["upstream_message"] = ProviderEvidence.Truncate(EchoMask.Apply(message), ProviderEvidence.MaxExcerptChars);
        }

        var who = name is null ? "the upstream provider" : $"the upstream provider ({name})";
        var said = message is null ? "" : $": {ProviderEvidence.Quote(message)}";
        return ProbeAnswer.Make(VerdictCodes.GatewayUpstreamError, stage, ProviderId.OpenRouter,
            $"OpenRouter accepted your key; {who} {OpenRouterUpstream.Phrase(code)} (HTTP {status}{said}).", evidence);
    }
}
