using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Together;

/// <summary>
/// Together AI (<c>https://api.together.xyz/v1</c>): <c>GET /v1/models</c> with a bearer key to authenticate (free;
/// it answers a bare JSON array), and a 1-token chat completion for the deep check (exhausted credit shows only on
/// use). Together has no documented single-model endpoint, so there is no model probe: the deep check names the model.
/// </summary>
public sealed class TogetherProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: a small serverless chat model.</summary>
    public const string DefaultDeepModel = "meta-llama/Llama-3.2-3B-Instruct-Turbo";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Together,
        Wire = "together",
        DisplayName = "Together AI",
        SettingsName = "Together",
        KeyVariables = ["TOGETHER_API_KEY"],
        BaseUrlVariable = "TOGETHER_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.together.xyz/v1"),
        KeyPlatform = KeyPlatform.Together,
        KeyHint = "tgp_v1_… (newer keys), or 64 hex characters (older keys)",
        TraceUrl = new Uri("https://api.together.xyz/cdn-cgi/trace"),
        Pages = TogetherNextSteps.Pages,
        KeyShapes = TogetherKeyShapes.Rules,
        NextStepsOverrides = TogetherNextSteps.Overrides,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), which costs "
        + "a few tokens (a fraction of a cent) and is the only way to see exhausted credit.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        // Together documents no single-model endpoint: no model probe.
        var request = kind == ProbeKind.Model ? null : ProbeRequests.OpenAIStyle(kind, baseUrl, model, DefaultDeepModel);
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => TogetherClassifier.Classify(reading);
}
