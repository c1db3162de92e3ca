using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// LiteLLM proxy: its own refusals of a virtual key (type and wording, whatever the status: budget as 400, model
/// limits as 401 or 403) and its upstream's failures (<c>&lt;Provider&gt;Exception</c>, <c>Received Model Group=</c>,
/// a pass-through route relaying the provider's body), re-statused as LiteLLM maps exception classes.
/// </summary>
internal static partial class LiteLLMAnswers
{
    public static Finding? Read(ProbeReading reading, GatewayAnswer answer)
    {
        var message = answer.Message ?? reading.Body.Message ?? "";
        var type = answer.Type ?? "";
        var lower = message.ToLowerInvariant();
        bool Has(params string[] fragments) => fragments.Any(f => lower.Contains(f, StringComparison.Ordinal));

        if (Upstream(message) is { } upstream)
        {
            var shown = Shown(message);
            return GatewayFindings.Upstream(reading, UpstreamCause.Of(message, reading.Status), upstream.Length == 0 ? null : upstream, shown);
        }

        (string Code, string What)? own =
            Has("no api key passed in") ? (VerdictCodes.AuthMissingKey, "no key reached the gateway")
            : Has("key is blocked") ? (VerdictCodes.AuthKeyRevoked, "the gateway's admin blocked this virtual key")
            : type == "expired_key" || Has("expired key") ? (VerdictCodes.AuthInvalidKey, "this virtual key has expired: ask the gateway's admin to renew it")
            : type.EndsWith("_model_access_denied", StringComparison.Ordinal) || Has("not allowed to access model", "is not available for this api key")
                ? (VerdictCodes.ModelNoAccess, "this virtual key may not use this model")
            : Has("only master key", "not allowed to call this route", "not allowed to access this route")
                ? (VerdictCodes.AuthPermissionDenied, "this virtual key may not call this route")
            : type == "budget_exceeded" || Has("budget has been exceeded") ? (VerdictCodes.QuotaExhausted, "this key's (or its team's) budget on the gateway is spent")
            : Has("rate limit handler", "max parallel request limit", "crossed tpm") ? (VerdictCodes.RateLimited, "the gateway's own rate limit for this key")
            : Has("no deployments available", "no healthy deployment")
                ? (VerdictCodes.RateLimited, "every deployment of this model is busy or cooling down (if it lasts, the deployments may be failing upstream: ask the operator)")
            : Has("invalid model name passed in model=") ? (VerdictCodes.ModelNotFound, "the gateway has no model of that name for this key")
            : type is "token_not_found_in_db" or "auth_error" || Has("invalid proxy server token", "virtual key expected", "invalid api key")
                ? (VerdictCodes.AuthInvalidKey, "the gateway does not know this virtual key")
            : null;

        return own is { } o ? GatewayFindings.Own(reading, o.Code, o.What, message) : null;
    }

    /// <summary>The upstream's name ("" when unnamed) when the message is an upstream's error relayed; else null.</summary>
    private static string? Upstream(string message)
    {
        if (message.StartsWith("{\"type\":\"error\"", StringComparison.Ordinal))
        {
            return "Anthropic"; // a pass-through route relaying Anthropic's own body
        }

        foreach (Match match in ExceptionName().Matches(message))
        {
            var name = match.Groups["name"].Value;
            if (name is not ("Proxy" or "Http" or "HTTP"))
            {
                return name switch
                {
                    "OpenAI" => "OpenAI",
                    "Azure" or "AzureAI" or "AzureOpenAI" => "Azure OpenAI",
                    "VertexAI" or "Vertex" => "Vertex AI",
                    "Bedrock" => "AWS Bedrock",
                    _ => name,
                };
            }
        }

        return message.Contains("Received Model Group=", StringComparison.Ordinal) ? "" : null;
    }

    /// <summary>The message without LiteLLM's router suffix.</summary>
    private static string Shown(string message)
    {
        var cut = message.IndexOf(". Received Model Group=", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"\b(?<name>[A-Z][A-Za-z_]*?)Exception\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ExceptionName();
}
