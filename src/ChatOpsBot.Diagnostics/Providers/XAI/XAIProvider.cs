using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.XAI;

/// <summary>
/// xAI (Grok): <c>GET /v1/models</c> with a bearer key to authenticate, <c>GET /v1/models/{model}</c> for a model, a
/// 1-token chat completion for the deep check, and the free key check <c>GET /v1/api-key</c> (blocked or disabled
/// key or team, the key's ACLs). Paths follow the OpenAI SDK convention on the root <c>https://api.x.ai/v1</c>.
/// </summary>
public sealed class XAIProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: xAI's cheapest listed chat model.</summary>
    public const string DefaultDeepModel = "grok-3-mini";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.XAI,
        Wire = "xai",
        Aliases = ["grok"],
        DisplayName = "xAI",
        SettingsName = "XAI",
        KeyVariables = ["XAI_API_KEY"],
        BaseUrlVariable = "XAI_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.x.ai/v1"),
        KeyPlatform = KeyPlatform.XAI,
        KeyHint = "xai-… (80 letters and digits)",
        Pages = XAINextSteps.Pages,
        KeyShapes = XAIKeyShapes.Rules,
        NextStepsOverrides = XAINextSteps.Overrides,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), which costs "
        + "a few input tokens (a fraction of a cent) and shows spent credits or a spending limit.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind == ProbeKind.Account
            ? ProbeRequests.Get(ProviderUrls.CombineV1(baseUrl, "/api-key"))
            : ProbeRequests.OpenAIStyle(kind, baseUrl, model, DefaultDeepModel);
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => XAIClassifier.Classify(reading);
}
