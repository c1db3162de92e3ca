using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.OpenAI;

/// <summary>
/// OpenAI (and OpenAI-compatible gateways): <c>GET /v1/models</c> with a bearer key to authenticate, <c>GET
/// /v1/models/{model}</c> for a model, and a 1-token chat completion for the deep check, because an exhausted
/// quota (<c>insufficient_quota</c>) only shows on generation.
/// </summary>
public sealed class OpenAIProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: the cheapest widely available chat model.</summary>
    public const string DefaultDeepModel = "gpt-4o-mini";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.OpenAI,
        Wire = "openai",
        Aliases = ["chatgpt", "gpt"],
        DisplayName = "OpenAI",
        SettingsName = "OpenAI",
        KeyVariables = ["OPENAI_API_KEY"],
        BaseUrlVariable = "OPENAI_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.openai.com"),
        KeyPlatform = KeyPlatform.OpenAI,
        KeyHint = "sk-proj-…, sk-svcacct-… or sk-… (48 characters)",
        TraceUrl = new Uri("https://api.openai.com/cdn-cgi/trace"),
        Pages = OpenAINextSteps.Pages,
        KeyShapes = OpenAIKeyShapes.Rules,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), "
        + "which costs a few input tokens (a fraction of a cent) and is the only way to see an exhausted quota.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(ProviderUrls.CombineV1(baseUrl, "/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                ProbeRequests.Get(ProviderUrls.CombineV1(baseUrl, "/models/" + ProviderUrls.EscapeSegment(model))),
            ProbeKind.Deep => ProbeRequests.PostJson(ProviderUrls.CombineV1(baseUrl, "/chat/completions"), DeepBody(model)),
            _ => null,
        };
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => OpenAIClassifier.Classify(reading);

    private static JsonObject DeepBody(string? model)
    {
        // Reasoning models (o1, o3, o4, gpt-5...) refuse max_tokens and want max_completion_tokens; older chat
        // models and many gateways only know max_tokens.
        var name = string.IsNullOrWhiteSpace(model) ? DefaultDeepModel : model.Trim();
        return ProbeRequests.OneTokenChat(name, DefaultDeepModel, UsesCompletionTokens(name) ? "max_completion_tokens" : "max_tokens");
    }

    private static bool UsesCompletionTokens(string model)
    {
        var m = model.ToLowerInvariant();
        var slash = m.LastIndexOf('/');
        if (slash >= 0)
        {
            m = m[(slash + 1)..];
        }

        return (m.Length > 1 && m[0] == 'o' && char.IsAsciiDigit(m[1])) || m.StartsWith("gpt-5", StringComparison.Ordinal);
    }
}
