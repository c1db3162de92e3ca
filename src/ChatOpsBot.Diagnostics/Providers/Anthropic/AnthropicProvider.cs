using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.Anthropic;

/// <summary>
/// Anthropic: <c>GET /v1/models</c> with <c>x-api-key</c> and <c>anthropic-version</c> to authenticate, <c>GET
/// /v1/models/{model}</c> for a model, and a 1-token <c>POST /v1/messages</c> for the deep check. Token counting
/// (<c>/v1/messages/count_tokens</c>) is free and does not reveal an empty credit balance, so it is not used.
/// </summary>
public sealed class AnthropicProvider : IProviderDefinition
{
    /// <summary>The API version header every request carries.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The model the deep check uses when none is named: the cheapest current model alias.</summary>
    public const string DefaultDeepModel = "claude-haiku-4-5";

    public ProviderId Id => ProviderId.Anthropic;

    public string DeepCheckDescription =>
        $"Sends one message limited to 1 output token (to the named model, or {DefaultDeepModel}), "
        + "which costs a few input tokens (a fraction of a cent) and shows whether the credit balance is empty.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(key);

        var request = kind switch
        {
            ProbeKind.Auth => new HttpRequestMessage(HttpMethod.Get, ProviderUrls.Combine(baseUrl, "/v1/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                new HttpRequestMessage(HttpMethod.Get, ProviderUrls.Combine(baseUrl, "/v1/models/" + ProviderUrls.EscapeSegment(model))),
            ProbeKind.Deep => new HttpRequestMessage(HttpMethod.Post, ProviderUrls.Combine(baseUrl, "/v1/messages"))
            {
                Content = new StringContent(DeepBody(model).ToJsonString(), Encoding.UTF8, "application/json"),
            },
            _ => null,
        };

        if (request is null)
        {
            return null;
        }

        request.Headers.TryAddWithoutValidation("x-api-key", key);
        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    public IReadOnlyList<Finding> Classify(ProbeResponse response, ProbeContext context) =>
        ProbeAnswer.Classify(response, context, ClassifyError);

    private static JsonObject DeepBody(string? model) => new()
    {
        ["model"] = string.IsNullOrWhiteSpace(model) ? DefaultDeepModel : model.Trim(),
        ["max_tokens"] = 1,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
    };

    private static Finding ClassifyError(ProbeResponse response, ProbeContext context, ProviderErrorBody body, JsonObject evidence)
    {
        var stage = ProbeAnswer.StageOf(context.Kind);
        var type = body.Type?.ToLowerInvariant() ?? "";
        var said = ProviderEvidence.Quote(body.Message);
        var status = response.Status;
        Finding Make(string verdict, string detail, DiagnosticStage? at = null) =>
            ProbeAnswer.Make(verdict, at ?? stage, ProviderId.Anthropic, detail, evidence);

        // Whatever the type: a disabled organization cannot be fixed with a new key.
        if (body.MessageContains("organization has been disabled") || body.MessageContains("account has been disabled")
            || body.MessageContains("organization is disabled"))
        {
            return Make(VerdictCodes.AuthAccountDisabled, $"Anthropic answered {status}: {said}");
        }

        if (body.MessageContains("credit balance is too low") || body.MessageContains("usage limits")
            || body.MessageContains("spend limit"))
        {
            return Make(VerdictCodes.QuotaExhausted, $"Anthropic answered {status}: {said}");
        }

        switch (type)
        {
            case "authentication_error":
                if (body.MessageContains("header is required") || body.MessageContains("no api key"))
                {
                    return Make(VerdictCodes.AuthMissingKey, $"Anthropic answered {status}: no key arrived ({said}).");
                }

                if (body.MessageContains("oauth") || body.MessageContains("bearer token"))
                {
                    return Make(VerdictCodes.AuthWrongHeader,
                        $"Anthropic answered {status}: {said} An API key goes in the x-api-key header; console or claude.ai tokens are not API keys.");
                }

                return Make(VerdictCodes.AuthInvalidKey, $"Anthropic answered {status}: {said}");

            case "permission_error":
                return Make(VerdictCodes.AuthPermissionDenied, $"Anthropic answered {status}: {said}");

            case "forbidden":
                // {"error":{"type":"forbidden","message":"Request not allowed"}} comes from the edge, without a
                // request id: it is what Anthropic answers to callers from unsupported countries.
                return Make(VerdictCodes.RegionUnsupported,
                    $"Anthropic's edge answered {status} {said}: the answer it gives to requests from unsupported regions.",
                    DiagnosticStage.Egress);

            case "billing_error":
                return Make(VerdictCodes.BillingNotEnabled, $"Anthropic answered {status}: {said}");

            case "not_found_error":
                if (context.Kind != ProbeKind.Auth || body.MessageContains("model"))
                {
                    return Make(VerdictCodes.ModelNotFound, $"Anthropic does not know {ProbeAnswer.ModelName(context)} ({status}: {said}).");
                }

                return ProbeAnswer.Unexpected(response, context, evidence);

            case "rate_limit_error":
                return Make(VerdictCodes.RateLimited, $"Anthropic answered {status}: {said}");

            case "overloaded_error":
                return Make(VerdictCodes.ProviderOverloaded, $"Anthropic answered {status}: {said}");

            case "api_error" or "timeout_error":
                return Make(VerdictCodes.ProviderServerError, $"Anthropic answered {status}: {said}");

            case "invalid_request_error" or "request_too_large":
                return Make(VerdictCodes.RequestInvalid, $"Anthropic rejected the request ({status}): {said}");

            default:
                return ProbeAnswer.ByStatus(response, context, body, evidence);
        }
    }
}
