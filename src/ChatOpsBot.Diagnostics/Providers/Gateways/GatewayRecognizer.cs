using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// Names the gateway an answer came from, from what the answer itself shows: its headers, its error envelope and
/// wording, its model list. Never from the base URL's host: a host name proves nothing about the software behind it.
/// Null when nothing in the answer is particular to a gateway (a pass-through answer is the provider's own).
/// </summary>
internal static partial class GatewayRecognizer
{
    private static readonly string[] LiteLLMTypes =
    [
        "token_not_found_in_db", "key_model_access_denied", "team_model_access_denied", "user_model_access_denied",
        "org_model_access_denied", "budget_exceeded", "expired_key",
    ];

    public static string? Recognize(ProbeResponse response, GatewayAnswer answer) =>
        FromHeaders(response, answer) ?? FromBody(response, answer);

    private static string? FromHeaders(ProbeResponse response, GatewayAnswer answer)
    {
        foreach (var name in response.Headers.Keys)
        {
            var h = name.ToLowerInvariant();
            if (h.StartsWith("x-litellm-", StringComparison.Ordinal) || h.StartsWith("llm_provider-", StringComparison.Ordinal))
            {
                return GatewayNames.LiteLLM;
            }

            if (h == "x-new-api-version")
            {
                return GatewayNames.NewApi;
            }

            if (h.StartsWith("cf-aig-", StringComparison.Ordinal))
            {
                return GatewayNames.CloudflareAiGateway;
            }

            if (h.StartsWith("x-portkey-", StringComparison.Ordinal))
            {
                return GatewayNames.Portkey;
            }

            if (h.StartsWith("helicone-", StringComparison.Ordinal))
            {
                return GatewayNames.Helicone;
            }
        }

        return response.Header("x-oneapi-request-id") is not null ? OneApiFamily(answer) : null;
    }

    private static string? FromBody(ProbeResponse response, GatewayAnswer answer)
    {
        var message = answer.Message ?? "";
        var type = answer.Type ?? "";
        var lower = answer.Lower;

        if (IsLiteLLM(response.Status, answer, message, type))
        {
            return GatewayNames.LiteLLM;
        }

        if (OneApiType().IsMatch(type) || RequestIdSuffix().IsMatch(message) || answer.TokenUsage
            || (answer.Models.Count > 0 && answer.Models.All(m => m.Created == 1626777600 || m.OneApiPermission)))
        {
            return OneApiFamily(answer);
        }

        if (answer.HasOpenRouterMetadata || lower.Contains("openrouter", StringComparison.Ordinal))
        {
            return GatewayNames.OpenRouter;
        }

        if (answer.CloudflareErrors.Count > 0 || lower.Contains("aigatewayerror", StringComparison.Ordinal))
        {
            return GatewayNames.CloudflareAiGateway;
        }

        if ((answer.RootStatus == "failure" && answer.Message is not null) || answer.HtmlMessage is not null
            || lower.Contains("x-portkey-", StringComparison.Ordinal))
        {
            return GatewayNames.Portkey;
        }

        if (answer.Details.Count > 0 || lower.Contains("helicone", StringComparison.Ordinal))
        {
            return GatewayNames.Helicone;
        }

        if ((answer.FlatErrorObject && answer.CodeIsNumber) || (answer.ErrorIsString && message == "Unauthorized")
            || (answer.Models.Count > 0 && answer.Models.All(m => m.OwnedBy == "vllm")))
        {
            return GatewayNames.Vllm;
        }

        if (lower.Contains("try pulling it first", StringComparison.Ordinal)
            || (answer.ErrorIsString && OllamaNotFound().IsMatch(message))
            || (answer.Models.Count > 0 && answer.Models.All(m => m.OwnedBy == "library" && m.Id.Contains(':', StringComparison.Ordinal))))
        {
            return GatewayNames.Ollama;
        }

        if (answer.Models.Count > 0 && answer.Models.All(m => m.OwnedBy == "organization_owner" && m.Created is null))
        {
            return GatewayNames.LmStudio;
        }

        return null;
    }

    private static bool IsLiteLLM(int status, GatewayAnswer answer, string message, string type) =>
        message.StartsWith("litellm.", StringComparison.Ordinal)
        || message.Contains("LiteLLM", StringComparison.Ordinal)
        || message.Contains("Received Model Group=", StringComparison.Ordinal)
        || message.Contains("Invalid proxy server token", StringComparison.Ordinal)
        || (message.StartsWith("Authentication Error", StringComparison.Ordinal) && type == "auth_error")
        || LiteLLMTypes.Contains(type)
        || (type == "None" && answer.Param is null or "None")
        || (answer.CodeIsStatusText(status) && answer.Type is not null)
        || (answer.Models.Count > 0 && answer.Models.All(m => m.Created == 1677610602 && m.OwnedBy == "openai"));

    /// <summary>one-api or its fork new-api (whose marks are its type, its bilingual and its "(distributor)" wording).</summary>
    private static string OneApiFamily(GatewayAnswer answer) =>
        answer.Type == "new_api_error" || answer.MessageZh is not null || answer.TokenUsage
        || (answer.Message?.Contains("distributor", StringComparison.Ordinal) ?? false)
            ? GatewayNames.NewApi
            : GatewayNames.OneApi;

    /// <summary>one_api_error, new_api_error, and the renamed types of relays built on them (yunwu_api_error...).</summary>
    [GeneratedRegex(@"^[a-z0-9]+_api_error$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    internal static partial Regex OneApiType();

    /// <summary>The " (request id: 2024...)" one-api and new-api append to every error they write or relay.</summary>
    [GeneratedRegex(@"\(request id: [0-9A-Za-z…]+\)\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    internal static partial Regex RequestIdSuffix();

    [GeneratedRegex(@"^model '.+' not found", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OllamaNotFound();
}
