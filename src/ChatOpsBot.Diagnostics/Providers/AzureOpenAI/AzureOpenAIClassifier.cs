using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI's vocabulary, in three envelopes: the Cognitive Services gateway's <c>{"error":{"code":"401"|…,"message"}}</c>
/// (code a string: a status or a word such as <c>DeploymentNotFound</c>), the OpenAI-shaped inference errors, and the
/// flat <c>{"statusCode","message"}</c> of the Entra ID path and of API Management. The wording decides, the status last.
/// </summary>
internal static partial class AzureOpenAIClassifier
{
    private static readonly string[] NetworkRefusals =
    [
        "virtual network/firewall rules", "public access is disabled", "virtual network is configured",
        "traffic is not from an approved private endpoint", "configure private endpoint",
    ];

    /// <summary>Reads an answer the provider-neutral checks left over (never a success). Never throws on odd input.</summary>
    public static Finding Classify(ProbeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (response, context, body, evidence) = reading;
        var stage = ProbeAnswer.StageOf(context.Kind);
        var code = body.Code?.ToLowerInvariant() ?? "";
        var said = ProviderEvidence.Quote(body.Message);
        var status = response.Status;
        Finding Make(string verdict, string detail, DiagnosticStage? at = null) =>
            ProbeAnswer.Make(verdict, at ?? stage, ProviderId.AzureOpenAI, detail, evidence);

        var policy = response.Header("policy-id");
        if (policy is not null)
        {
            evidence["policy_id"] = ProviderEvidence.Truncate(policy, 80);
        }

        if (status == 403 && (NetworkRefusals.Any(body.MessageContains)
            || string.Equals(policy, "ThrowExceptionDueToTrafficDenied", StringComparison.OrdinalIgnoreCase)))
        {
            return Make(VerdictCodes.NetworkIpNotAllowed,
                $"The Azure OpenAI resource refuses this network ({said}): its firewall, virtual network or private endpoint settings keep this caller out; the key was not judged.",
                DiagnosticStage.Network);
        }

        if (body.MessageContains("access token is missing") || body.MessageContains("audience is incorrect"))
        {
            return Make(VerdictCodes.AuthWrongHeader,
                $"Azure answered {status} on its Microsoft Entra ID path ({said}): the credential arrived as Authorization: Bearer, but a resource key goes in the api-key header.");
        }

        if (body.MessageContains("missing subscription key"))
        {
            return Make(VerdictCodes.AuthMissingKey,
                $"Azure API Management in front of the resource found no key in the header it reads ({said}); its default header is Ocp-Apim-Subscription-Key.");
        }

        if (body.MessageContains("invalid subscription key") || (status == 401 && code == "401"))
        {
            return Make(VerdictCodes.AuthInvalidKey,
                $"Azure answered {status} ({said}): the key is wrong, or it is the key of another resource or region than AZURE_OPENAI_ENDPOINT (Azure answers both alike).");
        }

        if (code == "authenticationtypedisabled" || body.MessageContains("key based authentication is disabled"))
        {
            return Make(VerdictCodes.AuthPermissionDenied,
                $"Azure answered {status}: key-based authentication is switched off for this resource ({said}); only Microsoft Entra ID tokens are accepted.");
        }

        if (code == "deploymentnotfound" || body.MessageContains("api deployment for this resource does not exist"))
        {
            var name = string.IsNullOrWhiteSpace(context.Model) ? "the deployment" : $"deployment `{ProviderEvidence.Truncate(context.Model.Trim(), 80)}`";
            return Make(VerdictCodes.ModelNotFound,
                $"The resource has no {name} (--model names a deployment, not a model; one made in the last 5 minutes may not answer yet). The key and the endpoint are fine.");
        }

        if (status == 429)
        {
            return TooMany(response, body, evidence, stage, said);
        }

        if (code == "content_filter" || body.MessageContains("content management policy"))
        {
            return Make(VerdictCodes.RequestInvalid, $"The deployment's content filter refused the prompt ({said}); the key and the deployment work.");
        }

        if (body.MessageContains("api version not supported") || body.MessageContains("api versions"))
        {
            return Make(VerdictCodes.RequestInvalid, $"Azure refused the api-version ({status}: {said}): this tool sends {AzureOpenAIProvider.ApiVersion}.");
        }

        if (status == 404 && (code == "404" || body.MessageContains("resource not found")))
        {
            return Make(VerdictCodes.RequestInvalid,
                $"Azure answered 404 “Resource not found”: the URL does not fit the resource. Check AZURE_OPENAI_ENDPOINT is the resource's endpoint (https://<resource>.openai.azure.com) with no extra path.");
        }

        if (status is >= 500 and < 600 || body.Type == "server_error")
        {
            return Make(VerdictCodes.ProviderServerError, $"Azure OpenAI answered {status}: {said}");
        }

        if (status is 400 or 422 && body.HasError)
        {
            return Make(VerdictCodes.RequestInvalid, $"Azure OpenAI rejected the request ({status}): {said}");
        }

        return ProbeAnswer.ByStatus(response, context, body, evidence);
    }

    /// <summary>
    /// A 429 is one of three things: Azure's peak load ("high demand": not the caller's limit), a per-day window
    /// (a wait of 86400 s), or the deployment's per-minute token or request limit.
    /// </summary>
    private static Finding TooMany(ProbeResponse response, ProviderErrorBody body, JsonObject evidence, DiagnosticStage stage, string said)
    {
        if (body.MessageContains("high demand") || body.MessageContains("peak load"))
        {
            return ProbeAnswer.Make(VerdictCodes.ProviderOverloaded, stage, ProviderId.AzureOpenAI,
                $"Azure answered 429 for its own peak load, not for your deployment's limit ({said}).", evidence);
        }

        int? wait = null;
        if (int.TryParse(response.Header("retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var header))
        {
            wait = header;
        }
        else if (RetryAfter().Match(body.Message ?? "") is { Success: true } match
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var text))
        {
            wait = text;
        }

        if (wait is { } seconds)
        {
            evidence["retry_after_seconds"] = seconds;
        }

        var daily = wait >= 86400;
        evidence["limit_window"] = daily ? "day" : "minute";
        var what = body.MessageContains("call rate limit") ? "request" : "token";
        var detail = daily
            ? $"The deployment's {what} limit is spent for the day (retry after {wait} s, a per-day window: the deployment's quota is very low) ({said})."
            : $"The deployment hit its per-minute {what} rate limit{(wait is { } w ? $" (retry after {w} s)" : "")} ({said}).";
        return ProbeAnswer.Make(VerdictCodes.RateLimited, stage, ProviderId.AzureOpenAI, detail, evidence);
    }

    [GeneratedRegex(@"retry after (\d{1,7}) seconds?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)] // linear patterns: the bound is for a stalled machine, not backtracking
    private static partial Regex RetryAfter();
}
