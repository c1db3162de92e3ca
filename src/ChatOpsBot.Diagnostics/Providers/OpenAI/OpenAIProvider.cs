using System.Net.Http.Headers;
using System.Text;
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
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(key);

        var request = kind switch
        {
            ProbeKind.Auth => new HttpRequestMessage(HttpMethod.Get, Url(baseUrl, "/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                new HttpRequestMessage(HttpMethod.Get, Url(baseUrl, "/models/" + ProviderUrls.EscapeSegment(model))),
            ProbeKind.Deep => new HttpRequestMessage(HttpMethod.Post, Url(baseUrl, "/chat/completions"))
            {
                Content = new StringContent(DeepBody(model).ToJsonString(), Encoding.UTF8, "application/json"),
            },
            _ => null,
        };

        if (request is null)
        {
            return null;
        }

        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    public Finding Classify(ProbeReading reading) => OpenAIClassifier.Classify(reading);

    /// <summary>
    /// The SDK convention: <c>{base}/v1/...</c>, or <c>{base}/...</c> when the base already ends in <c>/v1</c>.
    /// </summary>
    private static Uri Url(Uri baseUrl, string path) =>
        ProviderUrls.Combine(baseUrl, ProviderUrls.EndsWithSegment(baseUrl, "v1") ? path : "/v1" + path);

    private static JsonObject DeepBody(string? model)
    {
        var name = string.IsNullOrWhiteSpace(model) ? DefaultDeepModel : model.Trim();
        var body = new JsonObject
        {
            ["model"] = name,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        };

        // Reasoning models (o1, o3, o4, gpt-5...) refuse max_tokens and want max_completion_tokens; older chat
        // models and many gateways only know max_tokens.
        body[UsesCompletionTokens(name) ? "max_completion_tokens" : "max_tokens"] = 1;
        return body;
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
