using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Perplexity;

/// <summary>
/// Perplexity: <c>GET /router/v1/models</c> with a bearer key to authenticate (the models list of its API reference,
/// docs.perplexity.ai/api-reference/gateway-models-get), and a 1-token <c>POST /chat/completions</c> (the Sonar API,
/// as its SDK appends it to <c>https://api.perplexity.ai</c>) for the deep check. It has no per-model endpoint (an
/// unknown model shows only on generation, as 400 <c>invalid_model</c>) and no balance endpoint.
/// </summary>
public sealed class PerplexityProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: the cheapest Sonar model.</summary>
    public const string DefaultDeepModel = "sonar";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Perplexity,
        Wire = "perplexity",
        DisplayName = "Perplexity",
        SettingsName = "Perplexity",
        KeyVariables = ["PERPLEXITY_API_KEY"],
        BaseUrlVariable = "PERPLEXITY_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.perplexity.ai"),
        KeyPlatform = KeyPlatform.Perplexity,
        KeyHint = "pplx- followed by 48 letters and digits",
        Pages = PerplexityNextSteps.Pages,
        NextStepsOverrides = PerplexityNextSteps.Overrides,
        KeyShapes = PerplexityKeyShapes.Rules,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), which costs "
        + "a few tokens plus Sonar's per-request fee (a fraction of a cent) and is the only way to check a model name.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/router/v1/models")),
            // The model name is sent as given (not trimmed): Perplexity refuses "sonar-pro " verbatim, and that is worth seeing.
            ProbeKind.Deep => ProbeRequests.PostJson(
                ProviderUrls.Combine(baseUrl, "/chat/completions"), ProbeRequests.OneTokenChat(model, DefaultDeepModel, trim: false)),
            _ => null,
        };
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => PerplexityClassifier.Classify(reading);

    public Finding? ClassifyPage(ProbeReading reading) => PerplexityClassifier.ClassifyPage(reading);
}
