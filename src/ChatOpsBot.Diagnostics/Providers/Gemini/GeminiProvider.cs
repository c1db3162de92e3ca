using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers.Gemini;

/// <summary>
/// Gemini (Generative Language API): <c>GET /v1beta/models</c> with the key in <c>x-goog-api-key</c> (never in the
/// URL), <c>GET /v1beta/models/{model}</c> for a model, and a <c>generateContent</c> call limited to 1 output token
/// for the deep check (<c>countTokens</c> is free and does not check quota). Google answers an invalid key with
/// 400, so the body's <c>status</c> and <c>ErrorInfo.reason</c> decide, not the HTTP status.
/// </summary>
public sealed class GeminiProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: the cheapest current model.</summary>
    public const string DefaultDeepModel = "gemini-2.5-flash-lite";

    public ProviderId Id => ProviderId.Gemini;

    public string DeepCheckDescription =>
        $"Sends one generateContent request limited to 1 output token (to the named model, or {DefaultDeepModel}), "
        + "which is free on the free tier and costs a fraction of a cent otherwise, and shows whether quota is left.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(key);

        var request = kind switch
        {
            ProbeKind.Auth => new HttpRequestMessage(HttpMethod.Get, Url(baseUrl, "/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                new HttpRequestMessage(HttpMethod.Get, Url(baseUrl, "/models/" + ModelSegment(model))),
            ProbeKind.Deep => new HttpRequestMessage(
                HttpMethod.Post,
                Url(baseUrl, "/models/" + ModelSegment(string.IsNullOrWhiteSpace(model) ? DefaultDeepModel : model) + ":generateContent"))
            {
                Content = new StringContent(DeepBody().ToJsonString(), Encoding.UTF8, "application/json"),
            },
            _ => null,
        };

        if (request is null)
        {
            return null;
        }

        request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    public IReadOnlyList<Finding> Classify(ProbeResponse response, ProbeContext context) =>
        ProbeAnswer.Classify(response, context, ClassifyError);

    /// <summary>A model given as <c>models/x</c> or <c>x</c>, escaped as one path segment.</summary>
    public static string ModelSegment(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        if (name.StartsWith("models/", StringComparison.OrdinalIgnoreCase))
        {
            name = name["models/".Length..];
        }

        return ProviderUrls.EscapeSegment(name);
    }

    /// <summary><c>{base}/v1beta/...</c>, without doubling a <c>/v1beta</c> the base already ends with.</summary>
    private static Uri Url(Uri baseUrl, string path) =>
        ProviderUrls.Combine(baseUrl, ProviderUrls.EndsWithSegment(baseUrl, "v1beta") ? path : "/v1beta" + path);

    private static JsonObject DeepBody() => new()
    {
        ["contents"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray(new JsonObject { ["text"] = "hi" }),
        }),
        ["generationConfig"] = new JsonObject { ["maxOutputTokens"] = 1 },
    };

    private static Finding ClassifyError(ProbeResponse response, ProbeContext context, ProviderErrorBody body, JsonObject evidence)
    {
        var stage = ProbeAnswer.StageOf(context.Kind);
        var reason = body.Reason?.ToUpperInvariant() ?? "";
        var grpc = body.Status?.ToUpperInvariant() ?? "";
        var said = ProviderEvidence.Quote(body.Message);
        var status = response.Status;
        Finding Make(string verdict, string detail, DiagnosticStage? at = null) =>
            ProbeAnswer.Make(verdict, at ?? stage, ProviderId.Gemini, detail, evidence);

        if (body.MessageContains("reported as leaked"))
        {
            return Make(VerdictCodes.AuthKeyRevoked, $"Google revoked the key: {said}");
        }

        if (reason == "API_KEY_INVALID" || body.MessageContains("api key not valid") || body.MessageContains("api key expired"))
        {
            return Make(VerdictCodes.AuthInvalidKey, $"Gemini answered {status} {grpc}: {said}");
        }

        if (reason == "SERVICE_DISABLED" || body.MessageContains("has not been used in project"))
        {
            return Make(VerdictCodes.ProjectApiNotEnabled,
                $"The Generative Language API is off in the key's Google Cloud project ({status}: {said}).");
        }

        if (reason.StartsWith("API_KEY_", StringComparison.Ordinal) && reason.EndsWith("_BLOCKED", StringComparison.Ordinal))
        {
            return Make(VerdictCodes.AuthPermissionDenied,
                $"The key's restrictions block this call ({reason}): {said}");
        }

        if (reason is "CONSUMER_SUSPENDED" or "CONSUMER_INVALID" || body.MessageContains("has been suspended"))
        {
            return Make(VerdictCodes.AuthAccountDisabled, $"Gemini answered {status}: {said}");
        }

        if (body.MessageContains("unregistered callers") || (reason == "CREDENTIALS_MISSING" && body.MessageContains("api key")))
        {
            return Make(VerdictCodes.AuthMissingKey, $"No API key reached Google ({status}: {said}).");
        }

        if (status == 401 || grpc == "UNAUTHENTICATED" || reason == "ACCESS_TOKEN_TYPE_UNSUPPORTED")
        {
            return Make(VerdictCodes.AuthWrongHeader,
                $"Google read the credential as an OAuth token, not an API key ({status}: {said}). Send the key only in x-goog-api-key, without an Authorization header.");
        }

        if (body.MessageContains("free tier is not available") || body.MessageContains("without a billing account")
            || body.MessageContains("enable billing") || body.MessageContains("doesn't have a free quota tier")
            || body.MessageContains("does not have a free quota tier"))
        {
            return Make(VerdictCodes.BillingNotEnabled, $"Gemini answered {status}: {said}");
        }

        if (body.MessageContains("user location is not supported") || body.MessageContains("location is not supported"))
        {
            return Make(VerdictCodes.RegionUnsupported,
                $"Gemini refuses requests from this egress's location ({status} {grpc}: {said}).", DiagnosticStage.Egress);
        }

        if (grpc == "RESOURCE_EXHAUSTED" || status == 429)
        {
            return Exhausted(status, body, said, Make);
        }

        if (grpc == "NOT_FOUND" || status == 404)
        {
            if (context.Kind != ProbeKind.Auth || body.MessageContains("models/"))
            {
                return Make(VerdictCodes.ModelNotFound, $"Gemini does not offer {ProbeAnswer.ModelName(context)} ({status}: {said}).");
            }

            return ProbeAnswer.Unexpected(response, context, evidence);
        }

        if (grpc == "PERMISSION_DENIED")
        {
            return body.MessageContains("model")
                ? Make(VerdictCodes.ModelNoAccess, $"Gemini answered {status}: {said}")
                : Make(VerdictCodes.AuthPermissionDenied, $"Gemini answered {status}: {said}");
        }

        if (grpc == "UNAVAILABLE" || status == 503)
        {
            var overloaded = body.MessageContains("overloaded") || body.MessageContains("high demand") || body.MessageContains("try again later");
            return Make(overloaded ? VerdictCodes.ProviderOverloaded : VerdictCodes.ProviderServerError, $"Gemini answered {status}: {said}");
        }

        if (grpc is "INTERNAL" or "DEADLINE_EXCEEDED" or "UNKNOWN" || status is >= 500 and < 600)
        {
            return Make(VerdictCodes.ProviderServerError, $"Gemini answered {status} {grpc}: {said}");
        }

        if (grpc is "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE")
        {
            return Make(VerdictCodes.RequestInvalid, $"Gemini rejected the request ({status} {grpc}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    private static Finding Exhausted(int status, ProviderErrorBody body, string said, Func<string, string, DiagnosticStage?, Finding> make)
    {
        // A free-tier quota of 0 means the model has no free quota at all: only billing helps.
        if (body.MessageContains("limit: 0"))
        {
            return make(VerdictCodes.BillingNotEnabled,
                $"Gemini answered {status}: the free tier allows 0 requests for this model, so billing must be enabled ({said}).", null);
        }

        if (body.MessageContains("prepayment credits are depleted") || body.MessageContains("credits are depleted")
            || body.MessageContains("spend cap") || body.MessageContains("spending cap"))
        {
            return make(VerdictCodes.QuotaExhausted, $"Gemini answered {status}: {said}", null);
        }

        var violations = body.QuotaViolations;
        var perMinute = violations.Any(v => v.IsPerMinute);
        var perDayOnly = violations.Count > 0 && !perMinute
            && violations.All(v => v.QuotaId?.Contains("PerDay", StringComparison.Ordinal) == true);
        if (perDayOnly)
        {
            return make(VerdictCodes.QuotaExhausted,
                $"Gemini answered {status}: the daily quota is used up (it resets daily; waiting minutes will not help): {said}", null);
        }

        var retry = body.RetryDelay is { } delay ? $" Google suggests retrying in {delay}." : "";
        return make(VerdictCodes.RateLimited, $"Gemini answered {status}: {said}{retry}", null);
    }
}
