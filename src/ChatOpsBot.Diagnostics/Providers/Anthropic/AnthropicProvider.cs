using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Anthropic;

/// <summary>
/// Anthropic: <c>GET /v1/models</c> with <c>x-api-key</c> and <c>anthropic-version</c> to authenticate, <c>GET
/// /v1/models/{model}</c> for a model, and a 1-token <c>POST /v1/messages</c> for the deep check. Token counting
/// (<c>/v1/messages/count_tokens</c>) is free and does not reveal an empty credit balance, so it is not used.
/// </summary>
public sealed class AnthropicProvider : IProviderDefinition
{
    /// <summary>The API version header every request carries.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The model the deep check uses when none is named: the cheapest current model alias.</summary>
    public const string DefaultDeepModel = "claude-haiku-4-5";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Anthropic,
        Wire = "anthropic",
        Aliases = ["claude"],
        DisplayName = "Anthropic",
        SettingsName = "Anthropic",
        KeyVariables = ["ANTHROPIC_API_KEY"],
        BaseUrlVariable = "ANTHROPIC_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.anthropic.com"),
        KeyPlatform = KeyPlatform.Anthropic,
        KeyHint = "sk-ant-api03-…",
        TraceUrl = new Uri("https://api.anthropic.com/cdn-cgi/trace"),
        Pages = AnthropicNextSteps.Pages,
        KeyShapes = AnthropicKeyShapes.Rules,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one message limited to 1 output token (to the named model, or {DefaultDeepModel}), "
        + "which costs a few input tokens (a fraction of a cent) and shows whether the credit balance is empty.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/v1/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/v1/models/" + ProviderUrls.EscapeSegment(model))),
            ProbeKind.Deep => ProbeRequests.PostJson(ProviderUrls.Combine(baseUrl, "/v1/messages"), DeepBody(model)),
            _ => null,
        };
        return request.WithHeader("x-api-key", key).WithHeader("anthropic-version", ApiVersion);
    }

    public Finding Classify(ProbeReading reading) => AnthropicClassifier.Classify(reading);

    private static JsonObject DeepBody(string? model) => new()
    {
        ["model"] = string.IsNullOrWhiteSpace(model) ? DefaultDeepModel : model.Trim(),
        ["max_tokens"] = 1,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
    };
}
