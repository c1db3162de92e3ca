namespace ChatOpsBot.Diagnostics.Providers.XAI;

/// <summary>
/// xAI's error vocabulary: a flat <c>{"code": "&lt;gRPC status sentence&gt;", "error": "&lt;message&gt;"}</c>, the
/// message sometimes URL-encoded. The message decides: an invalid key is 400, a 429 may be money (credits or the
/// monthly spending limit) or a rate limit, a 404 may be a model or a wrong URL.
/// </summary>
internal static class XAIClassifier
{
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        if (context.Kind == ProbeKind.Account && response.Status is >= 200 and < 300)
        {
            return XAIKeyInfo.Read(response.Body, evidence);
        }

        var stage = ProbeAnswer.StageOf(context.Kind);
        var status = response.Status;
        var message = Decode(body.Message);
        if (message is not null && !string.Equals(message, body.Message, StringComparison.Ordinal))
        {
            evidence["provider_message"] = ProviderEvidence.Truncate(EchoMask.Apply(message), ProviderEvidence.MaxExcerptChars);
        }

        var m = message?.ToLowerInvariant() ?? "";
        var said = ProviderEvidence.Quote(message);
        bool Has(string fragment) => m.Contains(fragment, StringComparison.Ordinal);
        Finding Make(string code, string detail, DiagnosticStage? at = null) =>
            ProbeAnswer.Make(code, at ?? stage, ProviderId.XAI, detail, evidence);

        if (Has("incorrect api key provided"))
        {
            var foreign = Has(": sk***") ? " The key that arrived starts with sk: it looks like another provider's key, not an xai- key." : "";
            return Make(VerdictCodes.AuthInvalidKey, $"xAI answered {status} (xAI reports a wrong key as 400): {said}{foreign}");
        }

        if (Has("no or an invalid authentication header") || (status == 401 && Has("authorization")))
        {
            return Make(VerdictCodes.AuthMissingKey, $"xAI answered {status}: no usable key arrived in the Authorization header ({said}).");
        }

        if (Has("team") && Has("blocked"))
        {
            return Make(VerdictCodes.AuthAccountDisabled, $"xAI answered {status}: the team is blocked ({said}).");
        }

        if (Has("key") && (Has("blocked") || Has("disabled")))
        {
            return Make(VerdictCodes.AuthKeyRevoked, $"xAI answered {status}: the key is blocked or disabled ({said}).");
        }

        if (Has("doesn't have any credits") || Has("does not have any credits") || Has("newly created team"))
        {
            return Make(VerdictCodes.BillingNotEnabled, $"xAI answered {status}: the key's team has never had credits ({said}).");
        }

        if (Has("used all available credits") || Has("spending limit") || Has("purchase more credits"))
        {
            return Make(VerdictCodes.QuotaExhausted,
                $"xAI answered {status}, but it is money, not a rate limit: the team's credits are spent or its monthly spending limit is reached ({said}).");
        }

        if (Has("not available in your region") || Has("unsupported region") || (Has("country") && Has("not supported")))
        {
            return Make(VerdictCodes.RegionUnsupported, $"xAI refuses requests from this egress's region ({status}: {said}).", DiagnosticStage.Egress);
        }

        if (Has("too many requests") || Has("too many tokens") || Has("rate limit") || status == 429)
        {
            return Make(VerdictCodes.RateLimited, $"xAI answered {status}: {said}");
        }

        if (Has("no handler found on route"))
        {
            return Make(VerdictCodes.RequestInvalid,
                $"xAI answered {status}: no such API path ({said}). Check the base URL (https://api.x.ai/v1).");
        }

        if (Has("does not exist or your team") || (status == 404 && Has("model")))
        {
            return Make(VerdictCodes.ModelNotFound,
                $"xAI answered {status} for {ProbeAnswer.ModelName(context)}: {said} (xAI words a missing model and one your team may not use alike).");
        }

        if ((Has("access to the") && Has("denied")) || Has("update the permissions") || Has("does not have permission"))
        {
            return Make(VerdictCodes.AuthPermissionDenied, $"xAI answered {status}: the key's permissions do not allow this ({said}).");
        }

        if (status is >= 500 and < 600)
        {
            return Make(status == 503 || Has("overloaded") || Has("capacity") ? VerdictCodes.ProviderOverloaded : VerdictCodes.ProviderServerError,
                $"xAI answered {status}: {(message is null ? "a server error" : said)}");
        }

        if (status is 400 or 413 or 422 && body.HasError)
        {
            return Make(VerdictCodes.RequestInvalid, $"xAI rejected the request ({status}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    /// <summary>The message URL-decoded when xAI sent it encoded (<c>Incorrect%20API%20key…</c>); unchanged otherwise.</summary>
    private static string? Decode(string? message)
    {
        if (message is null || !message.Contains("%20", StringComparison.Ordinal))
        {
            return message;
        }

        try
        {
            return Uri.UnescapeDataString(message);
        }
        catch (UriFormatException)
        {
            return message;
        }
    }
}
