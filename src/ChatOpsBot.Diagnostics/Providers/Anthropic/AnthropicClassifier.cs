namespace ChatOpsBot.Diagnostics.Providers.Anthropic;

/// <summary>Anthropic's error vocabulary: the body's <c>error.type</c> decides, with a few message checks first.</summary>
internal static class AnthropicClassifier
{
    /// <summary>Reads an answer the provider-neutral checks left over (never a success). Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
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

        // Subscription "extra usage" (pay-as-you-go on top of a Claude plan), whatever the type or status (400, 429):
        // required but not switched on is billing; used up is quota.
        if (body.MessageContains("extra usage"))
        {
            return body.MessageContains("required") || body.MessageContains("enable")
                ? Make(VerdictCodes.BillingNotEnabled,
                    $"Anthropic answered {status}, but this is not a rate limit: the account must turn on extra usage for this request ({said}).")
                : Make(VerdictCodes.QuotaExhausted, $"Anthropic answered {status}: the extra usage allowance is spent ({said}).");
        }

        if (body.MessageContains("credit balance is too low") || body.MessageContains("usage limits")
            || body.MessageContains("spend limit"))
        {
            return Make(VerdictCodes.QuotaExhausted, $"Anthropic answered {status}: {said}");
        }

        // A credential valid only for another product (a Claude Code subscription login): allowed, but not here.
        if (body.MessageContains("only authorized for use with"))
        {
            return Make(VerdictCodes.AuthPermissionDenied,
                $"Anthropic answered {status}: {said} Use a Console API key (sk-ant-api03-…) for API calls.");
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
                // A missing model is named ("model: <id>"); a bare "Not Found" is a path the API does not serve.
                if (body.MessageContains("model"))
                {
                    return Make(VerdictCodes.ModelNotFound, $"Anthropic does not know {ProbeAnswer.ModelName(context)} ({status}: {said}).");
                }

                return context.Kind == ProbeKind.Auth
                    ? ProbeAnswer.Unexpected(response, context, evidence)
                    : Make(VerdictCodes.RequestInvalid,
                        $"Anthropic does not serve this path ({status}: {said}): check the base URL for a missing or doubled /v1.");

            case "rate_limit_error":
                return Make(VerdictCodes.RateLimited, body.MessageContains("daily")
                    ? $"Anthropic answered {status}: the daily limit is reached; it lifts when the day's window resets, not in seconds ({said})."
                    : $"Anthropic answered {status}: {said}");

            case "overloaded_error":
                return Make(VerdictCodes.ProviderOverloaded, $"Anthropic answered {status}: {said}");

            case "api_error" or "timeout_error":
                return Make(VerdictCodes.ProviderServerError, $"Anthropic answered {status}: {said}");

            case "invalid_request_error" or "request_too_large":
                // A protocol header the probe always sends ("anthropic-version: header is required") was lost on the way.
                return Make(VerdictCodes.RequestInvalid, body.MessageContains("header is required")
                    ? $"Anthropic rejected the request ({status}): {said} The probe sends that header, so a proxy or gateway on the way (or at the base URL) dropped it."
                    : $"Anthropic rejected the request ({status}): {said}");

            default:
                return ProbeAnswer.ByStatus(response, context, body, evidence);
        }
    }
}
