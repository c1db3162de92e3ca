using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Cohere;

/// <summary>
/// Cohere: <c>GET /v1/models</c> with a bearer key to authenticate, <c>GET /v1/models/{model}</c> for a model, the free
/// account check <c>POST /v1/check-api-key</c> (valid, organization), and a 1-token <c>POST /v2/chat</c> for the deep
/// check, where a spent trial allowance or a per-key spend cap shows. Paths as the official SDKs append them to
/// <c>https://api.cohere.com</c>.
/// </summary>
public sealed class CohereProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: Cohere's smallest current chat model.</summary>
    public const string DefaultDeepModel = "command-r7b-12-2024";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Cohere,
        Wire = "cohere",
        DisplayName = "Cohere",
        SettingsName = "Cohere",
        KeyVariables = ["COHERE_API_KEY", "CO_API_KEY"],
        BaseUrlVariable = "COHERE_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.cohere.com"),
        KeyPlatform = KeyPlatform.Unknown,
        KeyHint = "40 letters and digits, with no prefix (dashboard.cohere.com/api-keys)",
        Pages = CohereNextSteps.Pages,
        NextStepsOverrides = CohereNextSteps.Overrides,
        KeyShapes = CohereKeyShapes.Rules,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat request limited to 1 output token (to the named model, or {DefaultDeepModel}), which counts "
        + "as one API call (on a trial key, one of its monthly calls) and costs a few tokens; it shows a spent allowance or spend cap.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/v1/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/v1/models/" + ProviderUrls.EscapeSegment(model))),
            ProbeKind.Account => ProbeRequests.Post(ProviderUrls.Combine(baseUrl, "/v1/check-api-key")),
            ProbeKind.Deep => ProbeRequests.PostJson(ProviderUrls.Combine(baseUrl, "/v2/chat"), ProbeRequests.OneTokenChat(model, DefaultDeepModel)),
            _ => null,
        };
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => CohereClassifier.Classify(reading);
}
