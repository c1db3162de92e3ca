using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Groq;

/// <summary>
/// Groq (<c>https://api.groq.com/openai/v1</c>, OpenAI-compatible): <c>GET {root}/models</c> with a bearer key to
/// authenticate (free), <c>GET {root}/models/{model}</c> for a model, and a 1-token chat completion for the deep
/// check (rate limits, a restricted organization and retired models show only on use).
/// </summary>
public sealed class GroqProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: Groq's smallest, cheapest chat model.</summary>
    public const string DefaultDeepModel = "llama-3.1-8b-instant";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Groq,
        Wire = "groq",
        DisplayName = "Groq",
        SettingsName = "Groq",
        KeyVariables = ["GROQ_API_KEY"],
        BaseUrlVariable = "GROQ_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.groq.com/openai/v1"),
        KeyPlatform = KeyPlatform.Groq,
        KeyHint = "gsk_… (gsk_ and 52 letters and digits)",
        TraceUrl = new Uri("https://api.groq.com/cdn-cgi/trace"),
        Pages = GroqNextSteps.Pages,
        KeyShapes = GroqKeyShapes.Rules,
        NextStepsOverrides = GroqNextSteps.Overrides,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), which costs "
        + "a few tokens (a fraction of a cent, or part of the free tier's daily allowance).";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(Url(baseUrl, "/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                ProbeRequests.Get(Url(baseUrl, "/models/" + ProviderUrls.EscapeSegment(model))),
            ProbeKind.Deep => ProbeRequests.PostJson(Url(baseUrl, "/chat/completions"), ProbeRequests.OneTokenChat(model, DefaultDeepModel)),
            _ => null,
        };
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => GroqClassifier.Classify(reading);

    /// <summary>
    /// As Groq's SDKs: the base URL is the server root (<c>https://api.groq.com</c>) and paths start with
    /// <c>/openai/v1</c>; a base that already ends in <c>/openai/v1</c> or <c>/v1</c> (as <c>GROQ_BASE_URL</c> is
    /// often written for OpenAI clients) gets the path appended directly.
    /// </summary>
    private static Uri Url(Uri baseUrl, string path) =>
        ProviderUrls.EndsWithSegment(baseUrl, "v1") ? ProviderUrls.Combine(baseUrl, path)
            : ProviderUrls.CombineUnder(baseUrl, "openai", "/v1" + path);
}
