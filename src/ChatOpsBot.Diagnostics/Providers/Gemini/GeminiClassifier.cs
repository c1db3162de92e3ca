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

        // CREDENTIALS_MISSING from another Google API (Vertex AI's aiplatform takes OAuth only): the key was sent to an
        // endpoint that reads no API keys, so it was never judged.
        if (reason == "CREDENTIALS_MISSING" && body.Metadata.TryGetValue("service", out var service)
            && !service.StartsWith("generativelanguage.", StringComparison.OrdinalIgnoreCase))
        {
            evidence["service"] = service;
            return Make(VerdictCodes.AuthWrongHeader,
                $"The key went to {service}, which takes no API keys ({status}: {said}). Point the base URL at the Gemini API (generativelanguage.googleapis.com), or use OAuth for Vertex AI.");
        }

        if (body.MessageContains("unregistered callers") || (reason == "CREDENTIALS_MISSING" && body.MessageContains("api key")))
        {
            return Make(VerdictCodes.AuthMissingKey, $"No API key reached Google ({status}: {said}).");
        }

        // Two credentials at once (Authorization: Bearer from an OpenAI SDK plus x-goog-api-key or ?key=): not judged.
        if (grpc is "INVALID_ARGUMENT" or "UNAUTHENTICATED" or "" && body.MessageContains("authentication credentials"))
        {
            return Make(VerdictCodes.AuthWrongHeader,
                $"Google received more than one credential ({status}: {said}). Send the key only in x-goog-api-key: no Authorization header, no ?key=.");
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
            // "This model models/X is no longer available to new users": the model exists, closed to some callers.
            // Without an audience ("is no longer available.") the model is retired for everyone: not found.
            if (body.MessageContains("available to "))
            {
                return Make(VerdictCodes.ModelNoAccess,
                    $"Gemini still serves {ProbeAnswer.ModelName(context)}, but not to this project ({status}: {said}). Move to a newer model.");
            }

            if (context.Kind != ProbeKind.Auth || body.MessageContains("models/"))
            {
                return Make(VerdictCodes.ModelNotFound, $"Gemini does not offer {ProbeAnswer.ModelName(context)} ({status}: {said}).");
            }

            return ProbeAnswer.Unexpected(response, context, evidence);
        }

        if (grpc == "PERMISSION_DENIED")
        {
            // A bare PERMISSION_DENIED (no ErrorInfo reason) on a model or deep probe: the key works for other models
            // (the auth probe passed) and this one is closed to it, typically a preview model.
            return body.MessageContains("model") || (reason.Length == 0 && context.Kind is ProbeKind.Model or ProbeKind.Deep)
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
        var violations = body.QuotaViolations;
        var freeTier = violations.Any(v => v.IsFreeTier)
            || body.MessageContains("free_tier") || body.MessageContains("free tier")
            || (body.Metadata.TryGetValue("quota_limit", out var limitId) && limitId.Contains("FreeTier", StringComparison.OrdinalIgnoreCase));

        // A limit of 0 (in the message, or ErrorInfo's quota_limit_value) allows no request at all: waiting does not help.
        // On the free tier only billing helps; elsewhere the project (or its region) has no quota.
        var limitZero = body.MessageContains("limit: 0")
            || (body.Metadata.TryGetValue("quota_limit_value", out var limitValue) && limitValue.Trim() == "0");
        if (limitZero && freeTier)
        {
            return make(VerdictCodes.BillingNotEnabled,
                $"Gemini answered {status}: the free tier allows 0 requests for this model, so billing must be enabled ({said}).", null);
        }

        if (limitZero)
        {
            var where = body.Metadata.TryGetValue("quota_location", out var location) ? $" in {location}" : "";
            return make(VerdictCodes.QuotaExhausted,
                $"Gemini answered {status}: the project's quota{where} is 0, so no request is allowed and waiting will not help; ask for a quota (or check that the caller's region is served) ({said}).", null);
        }

        if (body.MessageContains("prepayment credits are depleted") || body.MessageContains("credits are depleted")
            || body.MessageContains("spend cap") || body.MessageContains("spending cap"))
        {
            return make(VerdictCodes.QuotaExhausted, $"Gemini answered {status}: {said}", null);
        }

        var perMinute = violations.Any(v => v.IsPerMinute);
        var perDayOnly = violations.Count > 0 && !perMinute
            && violations.All(v => v.QuotaId?.Contains("PerDay", StringComparison.Ordinal) == true);
        if (perDayOnly)
        {
            // A daily quota resets (midnight Pacific time): a rate limit with a long wait. RetryInfo's seconds mislead.
            return make(VerdictCodes.RateLimited,
                $"Gemini answered {status}: the daily quota is used up; it resets at midnight Pacific time, so retrying in seconds or minutes fails again ({said}).", null);
        }

        var retry = body.RetryDelay is { } delay ? $" Google suggests retrying in {delay}." : "";
        return make(VerdictCodes.RateLimited, $"Gemini answered {status}: {said}{retry}", null);
    }
}
