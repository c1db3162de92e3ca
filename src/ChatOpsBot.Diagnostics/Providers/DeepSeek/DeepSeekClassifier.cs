namespace ChatOpsBot.Diagnostics.Providers.DeepSeek;

/// <summary>
/// DeepSeek's error vocabulary: <c>code</c> is "invalid_request_error" on nearly every error, so the status and the
/// message decide (an unknown model is 400 "Model Not Exist", no balance is 402, a 429 is the concurrency limit).
/// </summary>
internal static class DeepSeekClassifier
{
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        if (context.Kind == ProbeKind.Account && response.Status is >= 200 and < 300)
        {
            return DeepSeekBalance.Read(response.Body, evidence);
        }

        var stage = ProbeAnswer.StageOf(context.Kind);
        var status = response.Status;
        var said = ProviderEvidence.Quote(body.Message);
        var type = body.Type?.ToLowerInvariant() ?? "";
        Finding Make(string code, string detail) => ProbeAnswer.Make(code, stage, ProviderId.DeepSeek, detail, evidence);

        if (body.MessageContains("auth header format"))
        {
            return Make(VerdictCodes.AuthMissingKey,
                $"DeepSeek answered {status}: no Bearer sk-… key arrived in the Authorization header ({said}).");
        }

        if (body.MessageContains("authentication fails") || type == "authentication_error")
        {
            return Make(VerdictCodes.AuthInvalidKey, $"DeepSeek answered {status}: the key is wrong or deleted ({said}).");
        }

        if ((status == 402 && body.HasError) || body.MessageContains("insufficient balance"))
        {
            return Make(VerdictCodes.QuotaExhausted, $"DeepSeek answered {status}: the account's balance is empty ({said}).");
        }

        if (body.MessageContains("model not exist"))
        {
            return Make(VerdictCodes.ModelNotFound, $"DeepSeek answered {status} for {ProbeAnswer.ModelName(context)}: {said}");
        }

        if (status == 429 || body.MessageContains("concurrency"))
        {
            var low = body.MessageContains("top up");
            if (low)
            {
                evidence["balance_low"] = true;
            }

            return Make(VerdictCodes.RateLimited, low
                ? $"DeepSeek answered {status}: too many requests in flight, and the low balance lowered that limit ({said})."
                : $"DeepSeek answered {status}: too many requests in flight ({said}).");
        }

        if (status == 503 || body.MessageContains("overloaded") || body.MessageContains("server is busy"))
        {
            return Make(VerdictCodes.ProviderOverloaded, $"DeepSeek answered {status}: {(body.Message is null ? "the server is overloaded" : said)}.");
        }

        if (status is 400 or 422 && body.HasError)
        {
            return Make(VerdictCodes.RequestInvalid, $"DeepSeek rejected the request ({status}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }
}
