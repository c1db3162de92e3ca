using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.Together;

/// <summary>
/// Together's error vocabulary: <c>{"id","error":{"message","type","param","code"}}</c> (the request id in the body's
/// <c>id</c>), a bare <c>{"error":{"message":"Unauthorized"}}</c> on the model list, and fields that lie alone:
/// <c>type:"credit_limit"</c> is exhausted credit with 402 but a plain per-minute rate limit with 429;
/// <c>model_not_available</c> is an unknown name with 404 but a model served only on a dedicated endpoint with 400
/// (which a working key gets: never a key problem). Status, code and message together decide.
/// </summary>
internal static class TogetherClassifier
{
    /// <summary>Reads an answer the provider-neutral checks left over. Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var status = response.Status;
        var code = body.Code?.ToLowerInvariant() ?? "";
        var type = body.Type?.ToLowerInvariant() ?? "";
        var said = body.Message is null ? "" : " " + ProviderEvidence.Quote(body.Message);
        AddRequestId(response, evidence);
        Finding Make(string verdict, string detail) => ProbeAnswer.Make(verdict, stage, ProviderId.Together, detail, evidence);

        if (status == 401 || code == "invalid_api_key" || body.MessageContains("invalid api key"))
        {
            return Make(VerdictCodes.AuthInvalidKey, $"Together answered {status}{said}: the key is wrong, revoked or deleted.");
        }

        if (status == 429 || body.MessageContains("rate limited") || body.MessageContains("rate limit"))
        {
            var perMinute = body.MessageContains("per minute");
            if (perMinute)
            {
                evidence["limit_window"] = "per minute";
            }

            return Make(VerdictCodes.RateLimited, type == "credit_limit"
                ? $"Together answered {status}{said}: a rate limit (its type says credit_limit, but the message and status say rate limit; credit is not the issue)."
                : $"Together answered {status}{said}: too many requests{(perMinute ? " per minute" : "")}.");
        }

        if (status == 402 || (type == "credit_limit" && body.MessageContains("credit limit")))
        {
            return Make(VerdictCodes.QuotaExhausted,
                $"Together answered {status}{said}: the account's credit or monthly spending limit is used up.");
        }

        if (code == "dedicated_endpoint_not_running")
        {
            return Make(VerdictCodes.ModelNoAccess,
                $"Together knows {ProbeAnswer.ModelName(context)} but its dedicated endpoint is stopped ({status}{said}); the key is fine.");
        }

        if (code == "model_not_available" || body.MessageContains("unable to access"))
        {
            return body.MessageContains("non-serverless") || status == 400
                ? Make(VerdictCodes.ModelNoAccess,
                    $"Together serves {ProbeAnswer.ModelName(context)} only on a dedicated endpoint ({status}{said}); the key is fine.")
                : Make(VerdictCodes.ModelNotFound, $"Together does not serve {ProbeAnswer.ModelName(context)} ({status}{said}).");
        }

        if (status is >= 500 and < 600)
        {
            var overloaded = status == 503 || body.MessageContains("overloaded")
                || (!body.IsJson && response.Body.Contains("overloaded", StringComparison.OrdinalIgnoreCase));
            if (!body.IsJson && !string.IsNullOrWhiteSpace(response.Body))
            {
                evidence["body_excerpt"] = ProviderEvidence.Excerpt(response.Body);
            }

            var text = said.Length > 0 ? said : !body.IsJson && !string.IsNullOrWhiteSpace(response.Body) ? " " + ProviderEvidence.Quote(response.Body) : "";
            return Make(overloaded ? VerdictCodes.ProviderOverloaded : VerdictCodes.ProviderServerError,
                $"Together answered {status}{text}.");
        }

        // Together uses 403 for a prompt longer than the model's context, and any other 400 of the deep check is
        // about the request, never the key (a working key gets 400s for models it cannot run).
        if (status is 400 or 403 or 404 or 422 && body.HasError && context.Kind != ProbeKind.Auth)
        {
            return status == 404
                ? Make(VerdictCodes.ModelNotFound, $"Together answered 404 for {ProbeAnswer.ModelName(context)}{said}.")
                : Make(VerdictCodes.RequestInvalid, $"Together rejected the request ({status}){said}; the key was accepted.");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    /// <summary>Together's request id travels in the body's <c>id</c>, not in a header.</summary>
    private static void AddRequestId(ProbeResponse response, JsonObject evidence)
    {
        if (evidence.ContainsKey("request_id") || !response.Body.TrimStart().StartsWith('{'))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 and <= 120 } value)
            {
                evidence["request_id"] = value;
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: no request id to add.
        }
    }
}
