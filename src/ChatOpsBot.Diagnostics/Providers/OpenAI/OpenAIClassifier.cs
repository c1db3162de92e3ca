using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.OpenAI;

/// <summary>OpenAI's error vocabulary: the body's <c>code</c>, <c>type</c> and message decide, the status last.</summary>
internal static class OpenAIClassifier
{
    /// <summary>Reads an answer the provider-neutral checks left over (never a success). Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var code = body.Code?.ToLowerInvariant() ?? "";
        var type = body.Type?.ToLowerInvariant() ?? "";
        var said = ProviderEvidence.Quote(body.Message);
        var status = response.Status;
        Finding Make(string verdict, string detail, DiagnosticStage? at = null) =>
            ProbeAnswer.Make(verdict, at ?? stage, ProviderId.OpenAI, detail, evidence);

        // No credential at all: "You didn't provide an API key", "Missing bearer or basic authentication in header"
        // (401, code null) - a header problem on the way, not a wrong key.
        if (body.MessageContains("didn't provide an api key") || body.MessageContains("did not provide an api key")
            || code == "missing_api_key"
            || (status == 401 && code.Length == 0 && body.MessageContains("missing")
                && (body.MessageContains("bearer") || body.MessageContains("authentication") || body.MessageContains("authorization"))))
        {
            return Make(VerdictCodes.AuthMissingKey,
                $"OpenAI answered {status}: no key arrived in the Authorization header ({said}).");
        }

        if (code == "invalid_api_key" || body.MessageContains("incorrect api key provided") || body.MessageContains("invalid api key"))
        {
            return InvalidKey(status, body, evidence, stage, said);
        }

        if (code is "mismatched_organization" or "invalid_organization" or "no_organization" or "mismatched_project"
            || body.MessageContains("openai-organization header should match")
            || body.MessageContains("openai-project header should match")
            || body.MessageContains("no such organization")
            || body.MessageContains("must be a member of an organization"))
        {
            return Make(VerdictCodes.AuthProjectOrOrgMismatch,
                $"OpenAI answered {status}: the organization or project does not fit the key ({said}).");
        }

        // Whatever the status (access_terminated arrives as 429): the organization is cut off.
        if (code is "account_deactivated" or "access_terminated" || type == "access_terminated"
            || body.MessageContains("access was terminated") || body.MessageContains("deactivated")
            || body.MessageContains("organization has been disabled") || body.MessageContains("account has been disabled")
            || body.MessageContains("has been suspended") || body.MessageContains("organization has been restricted"))
        {
            return Make(VerdictCodes.AuthAccountDisabled, $"OpenAI answered {status}: {said}");
        }

        if (code == "unsupported_country_region_territory" || body.MessageContains("country, region, or territory not supported"))
        {
            return Make(VerdictCodes.RegionUnsupported,
                $"OpenAI refuses requests from this egress's country ({status}: {said}).", DiagnosticStage.Egress);
        }

        if (body.MessageContains("missing scopes") || body.MessageContains("insufficient permissions"))
        {
            return Make(VerdictCodes.AuthPermissionDenied, $"OpenAI answered {status}: the key lacks a permission ({said}).");
        }

        if (code is "billing_not_active" || body.MessageContains("account is not active"))
        {
            return Make(VerdictCodes.BillingNotEnabled, $"OpenAI answered {status}: {said}");
        }

        if (code is "insufficient_quota" or "billing_hard_limit_reached" || type == "insufficient_quota"
            || body.MessageContains("exceeded your current quota") || body.MessageContains("billing hard limit"))
        {
            return Make(VerdictCodes.QuotaExhausted, $"OpenAI answered {status}: no quota left ({said}).");
        }

        // "Your organization must be verified to ...": the organization must be verified, whatever the status (400, 403)
        // or code (unsupported_value, null). A param names a feature of the request (reasoning.summary); none: the model.
        if (body.MessageContains("must be verified"))
        {
            return body.Param is { Length: > 0 } feature
                ? Make(VerdictCodes.AuthPermissionDenied,
                    $"OpenAI allows `{ProviderEvidence.Truncate(feature, 60)}` only to verified organizations ({status}: {said}).")
                : Make(VerdictCodes.ModelNoAccess,
                    $"OpenAI lets only verified organizations use {ProbeAnswer.ModelName(context)} this way ({status}: {said}).");
        }

        // A TPM "limit" that one request exceeds on its own (Requested > Limit, nothing Used): waiting never helps.
        if (status == 429 && RequestAloneExceedsLimit(body.Message))
        {
            return Make(VerdictCodes.RequestInvalid,
                $"OpenAI answered {status}, but the request alone is larger than the per-minute limit: shrink the input or max tokens ({said}).");
        }

        if (code is "rate_limit_exceeded" or "rpm_rate_limit_exceeded" or "tpm_rate_limit_exceeded"
            || (status == 429 && (type is "requests" or "tokens" || body.MessageContains("rate limit"))))
        {
            return Make(VerdictCodes.RateLimited, $"OpenAI answered {status}: {said}");
        }

        if (code == "model_not_found" || body.MessageContains("does not have access to model")
            || (status == 404 && body.MessageContains("model")))
        {
            var noAccess = body.MessageContains("does not have access to model") || status == 403;
            return noAccess
                ? Make(VerdictCodes.ModelNoAccess, $"OpenAI knows {ProbeAnswer.ModelName(context)} but this key's project may not use it ({said}).")
                : Make(VerdictCodes.ModelNotFound, $"OpenAI answered {status} for {ProbeAnswer.ModelName(context)}: {said} (OpenAI words a missing model and a forbidden one alike).");
        }

        if (type == "server_error" || type == "cf_bad_gateway" || status is >= 500 and < 600)
        {
            var overloaded = body.MessageContains("overloaded") || body.MessageContains("slow down") || body.MessageContains("capacity");
            return Make(overloaded ? VerdictCodes.ProviderOverloaded : VerdictCodes.ProviderServerError,
                $"OpenAI answered {status}: {said}");
        }

        if (status is 400 or 403 or 404 or 405 or 409 or 413 or 415 or 422 && body.HasError && type == "invalid_request_error"
            && !(status == 404 && context.Kind == ProbeKind.Auth))
        {
            return Make(VerdictCodes.RequestInvalid, $"OpenAI rejected the request ({status}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    /// <summary>"… Limit 30000, Requested 30601 …" with no "Used": one request bigger than the whole window.</summary>
    private static bool RequestAloneExceedsLimit(string? message)
    {
        if (message is null || message.Contains("Used ", StringComparison.Ordinal))
        {
            return false;
        }

        return NumberAfter(message, "Limit ") is { } limit && NumberAfter(message, "Requested ") is { } requested && requested > limit;
    }

    /// <summary>The first number written right after <paramref name="label"/> ("Limit 30000"), if any.</summary>
    private static long? NumberAfter(string text, string label)
    {
        for (var at = text.IndexOf(label, StringComparison.Ordinal); at >= 0; at = text.IndexOf(label, at + 1, StringComparison.Ordinal))
        {
            var start = at + label.Length;
            var end = start;
            while (end < text.Length && end - start < 15 && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end > start && long.TryParse(text.AsSpan(start, end - start), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static Finding InvalidKey(int status, ProviderErrorBody body, JsonObject evidence, DiagnosticStage stage, string said)
    {
        if (EchoedKey.VisiblePrefix(body.Message, "Incorrect API key provided:") is { } prefix)
        {
            var shape = EchoedKey.Identify(prefix);
            var known = shape.Platform is not KeyPlatform.Unknown and not KeyPlatform.OpenAI
                && shape.Prefix.Length > 3
                && prefix.StartsWith(shape.Prefix, StringComparison.Ordinal);
            if (known)
            {
                evidence["echoed_key_platform"] = shape.Platform.ToString();
                evidence["echoed_key_prefix"] = shape.Prefix;
                return ProbeAnswer.Make(VerdictCodes.KeyWrongPlatform, stage, ProviderId.OpenAI,
                    $"OpenAI rejected a key starting “{shape.Prefix}”: that is a {shape.Kind}, not an OpenAI key.", evidence);
            }
        }

        return ProbeAnswer.Make(VerdictCodes.AuthInvalidKey, stage, ProviderId.OpenAI,
            $"OpenAI answered {status}: {said}", evidence);
    }
}
