using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Mistral;

/// <summary>
/// Mistral AI (<c>https://api.mistral.ai/v1</c>): <c>GET /v1/models</c> with a bearer key to authenticate (free),
/// <c>GET /v1/models/{model}</c> for a model, and a 1-token chat completion for the deep check (the monthly limit and
/// a product not activated show only on use). Its keys are 32 bare alphanumerics, so they are not claimed by shape.
/// </summary>
public sealed class MistralProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: Mistral's small, cheap chat model.</summary>
    public const string DefaultDeepModel = "mistral-small-latest";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Mistral,
        Wire = "mistral",
        DisplayName = "Mistral",
        SettingsName = "Mistral",
        KeyVariables = ["MISTRAL_API_KEY"],
        BaseUrlVariable = "MISTRAL_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.mistral.ai/v1"),
        TraceUrl = new Uri("https://api.mistral.ai/cdn-cgi/trace"),
        KeyPlatform = KeyPlatform.Unknown,
        KeyHint = "32 letters and digits, no prefix (from console.mistral.ai/api-keys)",
        Pages = MistralNextSteps.Pages,
        KeyShapes = MistralKeyShapes.Rules,
        NextStepsOverrides = MistralNextSteps.Overrides,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), which costs "
        + "a few tokens (a fraction of a cent, or nothing on the free tier) and is the only way to see the monthly limit.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        return ProbeRequests.OpenAIStyle(kind, baseUrl, model, DefaultDeepModel).WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => MistralClassifier.Classify(reading);
}
