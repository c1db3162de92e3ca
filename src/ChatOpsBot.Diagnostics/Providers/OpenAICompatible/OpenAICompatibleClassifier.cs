using System.Globalization;

namespace ChatOpsBot.Diagnostics.Providers.OpenAICompatible;

/// <summary>
/// What an OpenAI-compatible server's answer says once the gateway step had nothing of its own to say: OpenAI's
/// error vocabulary (the body's <c>code</c>, <c>type</c> and message), the status last.
/// </summary>
internal static class OpenAICompatibleClassifier
{
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var code = body.Code?.ToLowerInvariant() ?? "";
        var type = body.Type?.ToLowerInvariant() ?? "";
        var status = response.Status;
        var said = ProviderEvidence.Quote(body.Message);
        var who = reading.Gateway is { } g ? Gateways.GatewayNames.Display(g) : "The server";
        Finding Make(string verdict, string what) => ProbeAnswer.Make(verdict, stage, context.Provider,
            string.Create(CultureInfo.InvariantCulture, $"{who} answered {status}: {what} ({said})."), evidence);

        if (context.Kind == ProbeKind.Account && status is >= 200 and < 300)
        {
            return Finding.Pass(DiagnosticStage.Auth, "Account check", $"{who} answered the account check (HTTP {status}).", evidence)
                with { FromProviderAnswer = true };
        }

        if (code == "missing_api_key" || body.MessageContains("didn't provide an api key") || body.MessageContains("no api key"))
        {
            return Make(VerdictCodes.AuthMissingKey, "no key arrived");
        }

        if (code == "invalid_api_key" || body.MessageContains("incorrect api key") || body.MessageContains("invalid api key"))
        {
            return Make(VerdictCodes.AuthInvalidKey, "the key was rejected");
        }

        if (code == "unsupported_country_region_territory" || body.MessageContains("country, region, or territory not supported"))
        {
            return Make(VerdictCodes.RegionUnsupported, "the caller's region is refused");
        }

        if (code is "insufficient_quota" || type == "insufficient_quota" || body.MessageContains("exceeded your current quota"))
        {
            return Make(VerdictCodes.QuotaExhausted, "no quota left");
        }

        if (code is "rate_limit_exceeded" || (status == 429 && (type is "requests" or "tokens" || body.MessageContains("rate limit"))))
        {
            return Make(VerdictCodes.RateLimited, "too many requests");
        }

        if (code == "model_not_found" || (status == 404 && context.Kind != ProbeKind.Auth && body.HasError))
        {
            return Make(VerdictCodes.ModelNotFound, $"{ProbeAnswer.ModelName(context)} is not served here");
        }

        if (status is 400 or 422 && body.HasError && type is "invalid_request_error" or "badrequesterror" or "bad request")
        {
            return Make(VerdictCodes.RequestInvalid, "the request was rejected");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }
}
