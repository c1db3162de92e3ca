namespace ChatOpsBot.Diagnostics.Providers.Gemini;

/// <summary>Gemini's error vocabulary: Google answers an invalid key with 400, so the body's <c>status</c> and
/// <c>ErrorInfo.reason</c> decide, not the HTTP status.</summary>
internal static class GeminiClassifier
{
    /// <summary>Reads an answer the provider-neutral checks left over (never a success). Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
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
