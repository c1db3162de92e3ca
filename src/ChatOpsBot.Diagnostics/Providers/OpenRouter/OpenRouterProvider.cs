using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>
/// OpenRouter, itself a gateway: <c>GET /models/user</c> (the models this key's account may route to; unlike
/// <c>GET /models</c> it needs the key) to authenticate, <c>GET /models/{author}/{slug}/endpoints</c> for a model,
/// a 1-token chat completion for the deep check, and the free key check <c>GET /key</c> (credits, the key's own
/// limit, free tier). Paths are appended to the API root <c>https://openrouter.ai/api/v1</c> as its SDKs do.
/// </summary>
public sealed class OpenRouterProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: a cheap paid model (a :free one would hide an empty balance).</summary>
    public const string DefaultDeepModel = "openai/gpt-4o-mini";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.OpenRouter,
        ReadsOwnGatewayAnswers = true,
        Wire = "openrouter",
        DisplayName = "OpenRouter",
        SettingsName = "OpenRouter",
        KeyVariables = ["OPENROUTER_API_KEY"],
        BaseUrlVariable = "OPENROUTER_BASE_URL",
        DefaultBaseUrl = new Uri("https://openrouter.ai/api/v1"),
        KeyPlatform = KeyPlatform.OpenRouter,
        KeyHint = "sk-or-v1-… (64 hex characters)",
        TraceUrl = new Uri("https://openrouter.ai/cdn-cgi/trace"),
        Pages = OpenRouterNextSteps.Pages,
        KeyShapes = OpenRouterKeyShapes.Rules,
        NextStepsOverrides = OpenRouterNextSteps.Overrides,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}) through "
        + "OpenRouter, which costs a few input tokens (a fraction of a cent) and shows an empty balance or a refusing upstream.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/models/user")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/models/" + ModelPath(model) + "/endpoints")),
            ProbeKind.Deep => ProbeRequests.PostJson(ProviderUrls.Combine(baseUrl, "/chat/completions"), ProbeRequests.OneTokenChat(model, DefaultDeepModel)),
            ProbeKind.Account => ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/key")),
            _ => null,
        };
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => OpenRouterClassifier.Classify(reading);

    /// <summary>
    /// <c>author/slug</c> with each segment escaped; the slash between them stays a path separator and the colon of a
    /// variant (<c>:free</c>) stays as it is, as it may in a path segment (RFC 3986 pchar) and as OpenRouter writes it.
    /// </summary>
    private static string ModelPath(string model) =>
        string.Join('/', model.Trim().Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => ProviderUrls.EscapeSegment(s).Replace("%3A", ":", StringComparison.Ordinal)));
}
