using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Providers.Cohere;

/// <summary>
/// Cohere's vocabulary: a flat <c>{"message": …}</c> with no type or code, so the status and the wording decide
/// together (docs.cohere.com/reference/errors). A 429 is a spent trial allowance when it says "/ month", a rate limit
/// when it says "/ minute"; a 402 is a per-key spend cap ("Maximum billing reached") or a missing payment method.
/// </summary>
internal static partial class CohereClassifier
{
    /// <summary>Reads an answer the provider-neutral checks left over (an account check's success too). Never throws.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var said = ProviderEvidence.Quote(body.Message);
        var status = response.Status;
        Finding Make(string verdict, string detail) => ProbeAnswer.Make(verdict, stage, ProviderId.Cohere, detail, evidence);

        if (context.Kind == ProbeKind.Account && status is >= 200 and < 300)
        {
            return AccountCheck(response, evidence);
        }

        var trial = body.MessageContains("trial key") || body.MessageContains("trial token");
        if (trial)
        {
            evidence["trial_key"] = true;
        }

        // 498 is the SDK's InvalidTokenError; no real body was published, so only its words decide.
        if (status == 401 || (status == 498 && body.MessageContains("invalid")))
        {
            if (body.MessageContains("no api key supplied"))
            {
                return Make(VerdictCodes.AuthMissingKey, $"Cohere answered {status}: no key arrived in the Authorization header ({said}).");
            }

            if (body.MessageContains("expired"))
            {
                return Make(VerdictCodes.AuthInvalidKey, $"Cohere answered {status}: the key has expired (an expired trial key needs a production key) ({said}).");
            }

            if (body.HasError)
            {
                return Make(VerdictCodes.AuthInvalidKey, $"Cohere answered {status}: the key was rejected ({said}).");
            }
        }

        if (status == 402)
        {
            return body.MessageContains("maximum billing reached")
                ? Make(VerdictCodes.QuotaExhausted, $"Cohere answered 402: this key reached the maximum billing amount set for it in the dashboard; it resets at the start of next month ({said}).")
                : Make(VerdictCodes.BillingNotEnabled, $"Cohere answered 402: the account needs a valid payment method ({said}).");
        }

        if (status == 429)
        {
            if (PerMonth().IsMatch(body.Message ?? ""))
            {
                evidence["limit_window"] = "month";
                return Make(VerdictCodes.QuotaExhausted,
                    $"Cohere answered 429, but this is not a rate limit: the {(trial ? "trial key's" : "key's")} monthly allowance is spent, so retrying will not help until next month ({said}).");
            }

            if (PerMinute().IsMatch(body.Message ?? "") || body.MessageContains("per minute"))
            {
                evidence["limit_window"] = "minute";
            }

            return Make(VerdictCodes.RateLimited, $"Cohere answered 429{(trial ? " (a trial key)" : "")}: {said}");
        }

        if (status == 404 && context.Kind != ProbeKind.Auth && body.MessageContains("model"))
        {
            var model = ProbeAnswer.ModelName(context);
            return body.MessageContains("was removed")
                ? Make(VerdictCodes.ModelNotFound, $"Cohere retired {model}: {said}")
                : Make(VerdictCodes.ModelNotFound, $"Cohere does not know {model} for this key ({said}; Cohere words a missing model and one the key may not use alike).");
        }

        if (status is 400 or 422 && body.HasError)
        {
            return Make(VerdictCodes.RequestInvalid, $"Cohere rejected the request ({status}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    /// <summary>
    /// <c>POST /v1/check-api-key</c> answered 2xx: <c>{"valid":true,"organization_id","owner_id"}</c> passes with the
    /// organization as evidence; <c>"valid":false</c> is a refused key.
    /// </summary>
    private static Finding AccountCheck(ProbeResponse response, JsonObject evidence)
    {
        bool? valid = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("valid", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    valid = v.GetBoolean();
                }

                CopyString(root, "organization_id", evidence);
                CopyString(root, "owner_id", evidence);
            }
        }
        catch (JsonException)
        {
            // The neutral checks only pass a JSON body here; anything else is read as "no facts".
        }

        if (valid == false)
        {
            evidence["valid"] = false;
            return ProbeAnswer.Make(VerdictCodes.AuthInvalidKey, DiagnosticStage.Auth, ProviderId.Cohere,
                "Cohere's key check (POST /v1/check-api-key) answered valid: false: the key is not accepted.", evidence);
        }

        if (valid == true)
        {
            evidence["valid"] = true;
        }

        var org = evidence["organization_id"] is { } o ? $" (organization {o.GetValue<string>()})" : "";
        return Finding.Pass(DiagnosticStage.Auth, "Cohere's key check",
            valid == true ? $"Cohere's key check confirms the key{org}." : $"Cohere's key check answered {response.Status}{org}.", evidence)
            with { FromProviderAnswer = true };
    }

    private static void CopyString(JsonElement root, string name, JsonObject evidence)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
        {
            evidence[name] = ProviderEvidence.Truncate(s, 120);
        }
    }

    [GeneratedRegex(@"/\s*month", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)] // linear patterns: the bound is for a stalled machine, not backtracking
    private static partial Regex PerMonth();

    [GeneratedRegex(@"/\s*minute", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)] // linear patterns: the bound is for a stalled machine, not backtracking
    private static partial Regex PerMinute();
}
