using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.Mistral;

/// <summary>
/// Mistral's error vocabulary (Cloudflare, then Kong, then the API): Kong's bodiless-reason 401s
/// (<c>{"detail":"Unauthorized"}</c> or <c>{"message":"Unauthorized","request_id"}</c>), the flat error object
/// <c>{"object":"error","message","type","code"}</c> whose numeric code decides (1300 rate limit, 1500 unknown model,
/// 3505 tier capacity, 1000 server), pydantic 422s (where <c>message</c> may be an object), and 429s with three
/// meanings read from type, code, message and the monthly limit headers. The status comes last.
/// </summary>
internal static class MistralClassifier
{
    private static readonly string[] MonthRemainingHeaders = ["x-ratelimit-remaining-tokens-month", "x-ratelimitbysize-remaining-month"];

    private static readonly (string Header, string Key)[] LimitHeaders =
    [
        ("x-ratelimit-remaining-tokens-month", "ratelimit_remaining_tokens_month"),
        ("x-ratelimit-limit-tokens-month", "ratelimit_limit_tokens_month"),
        ("x-ratelimitbysize-remaining-month", "ratelimit_remaining_tokens_month"),
        ("x-ratelimitbysize-limit-month", "ratelimit_limit_tokens_month"),
        ("x-ratelimit-remaining-tokens-minute", "ratelimit_remaining_tokens_minute"),
        ("x-ratelimitbysize-remaining-minute", "ratelimit_remaining_tokens_minute"),
        ("x-ratelimit-remaining-req-minute", "ratelimit_remaining_requests_minute"),
        ("x-ratelimit-remaining-req-60-second", "ratelimit_remaining_requests_minute"),
    ];

    /// <summary>Reads an answer the provider-neutral checks left over. Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var status = response.Status;
        AddMistralEvidence(response, evidence);
        var code = body.Code ?? FlatCode(response.Body, body) ?? "";
        if (code.Length > 0 && !evidence.ContainsKey("error_code"))
        {
            evidence["error_code"] = ProviderEvidence.Truncate(code, 40);
        }

        var type = body.Type?.ToLowerInvariant() ?? "";
        var said = body.Message is null ? "" : " " + ProviderEvidence.Quote(body.Message);
        Finding Make(string verdict, string detail) => ProbeAnswer.Make(verdict, stage, ProviderId.Mistral, detail, evidence);

        if (status == 401)
        {
            return Make(VerdictCodes.AuthInvalidKey,
                $"Mistral answered 401{said}: the key is wrong or revoked, or it is a Codestral key sent to api.mistral.ai (Mistral words them alike).");
        }

        if (status == 403)
        {
            if (string.IsNullOrWhiteSpace(response.Body))
            {
                evidence["body_empty"] = true;
            }

            return Make(VerdictCodes.AuthPermissionDenied, string.IsNullOrWhiteSpace(response.Body)
                ? "Mistral answered 403 with an empty body: the key was recognised but refused for this request (Mistral gives no reason; often the plan or workspace)."
                : $"Mistral answered 403{said}: the key was recognised but refused for this request.");
        }

        if (type == "service_tier_capacity_exceeded" || code == "3505" || body.MessageContains("capacity exceeded"))
        {
            return Make(VerdictCodes.ProviderOverloaded,
                $"Mistral answered {status}{said}: the shared capacity of this service tier for the model is used up, not this key's own limit.");
        }

        if (status == 429 && MonthExhausted(response) is { } header)
        {
            return Make(VerdictCodes.QuotaExhausted,
                $"Mistral answered 429 with {header}: 0: the workspace's monthly token limit is used up (waiting minutes will not help).");
        }

        if (type == "rate_limited" || code == "1300" || status == 429)
        {
            return Make(VerdictCodes.RateLimited, $"Mistral answered {status}{said}: too many requests or tokens per second or minute.");
        }

        if (type == "invalid_model" || code == "1500" || body.MessageContains("invalid model")
            || (status == 404 && context.Kind != ProbeKind.Auth && body.IsJson))
        {
            return Make(VerdictCodes.ModelNotFound, $"Mistral does not know {ProbeAnswer.ModelName(context)} ({status}{said}).");
        }

        if (status == 422 || (status == 400 && body.IsJson && context.Kind != ProbeKind.Auth))
        {
            return Make(VerdictCodes.RequestInvalid,
                $"Mistral refused the request's shape ({status}{(said.Length > 0 ? said : ": " + ProviderEvidence.Quote(response.Body))}); the key and model were accepted.");
        }

        if (status is >= 500 and < 600)
        {
            return Make(VerdictCodes.ProviderServerError, $"Mistral answered {status}{said}.");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    private static string? MonthExhausted(ProbeResponse response)
    {
        foreach (var header in MonthRemainingHeaders)
        {
            if (response.Header(header)?.Trim() == "0")
            {
                return header;
            }
        }

        return null;
    }

    private static void AddMistralEvidence(ProbeResponse response, JsonObject evidence)
    {
        if (!evidence.ContainsKey("request_id")
            && (response.Header("mistral-correlation-id") ?? response.Header("x-kong-request-id")) is { Length: > 0 } id)
        {
            evidence["request_id"] = ProviderEvidence.Truncate(id, 120);
        }

        foreach (var (header, key) in LimitHeaders)
        {
            if (!evidence.ContainsKey(key) && response.Header(header) is { Length: > 0 } value)
            {
                evidence[key] = ProviderEvidence.Truncate(value, 40);
            }
        }

        // Kong answered by itself (no upstream latency): the request never reached Mistral's API.
        if (response.Header("x-kong-response-latency") is not null && response.Header("x-kong-upstream-latency") is null)
        {
            evidence["answered_by"] = "Mistral's API gateway (Kong), before the API";
        }
    }

    /// <summary>The flat envelope's <c>code</c> (a numeric string), which the shared reader keeps only under <c>error</c>.</summary>
    private static string? FlatCode(string text, ProviderErrorBody body)
    {
        if (!body.IsJson || (body.HasError && body.Code is not null))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? code.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
