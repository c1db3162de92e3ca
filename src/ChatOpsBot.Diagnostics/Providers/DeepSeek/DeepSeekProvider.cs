using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.DeepSeek;

/// <summary>
/// DeepSeek: <c>GET /models</c> with a bearer key to authenticate, no per-model endpoint (an unknown model shows on
/// the deep check as 400 "Model Not Exist"), a 1-token chat completion for the deep check, and the free balance check
/// <c>GET /user/balance</c>. Paths are appended to the root as the OpenAI SDK pointed at DeepSeek does
/// (<c>https://api.deepseek.com</c>, or the same root with <c>/v1</c>).
/// </summary>
public sealed class DeepSeekProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named.</summary>
    public const string DefaultDeepModel = "deepseek-chat";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.DeepSeek,
        Wire = "deepseek",
        DisplayName = "DeepSeek",
        SettingsName = "DeepSeek",
        KeyVariables = ["DEEPSEEK_API_KEY"],
        BaseUrlVariable = "DEEPSEEK_BASE_URL",
        DefaultBaseUrl = new Uri("https://api.deepseek.com"),
        KeyPlatform = KeyPlatform.DeepSeek,
        KeyHint = "sk- followed by 32 hex characters",
        Pages = DeepSeekNextSteps.Pages,
        KeyShapes = DeepSeekKeyShapes.Rules,
        NextStepsOverrides = DeepSeekNextSteps.Overrides,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}), which costs "
        + "a few input tokens (a fraction of a cent) and shows an unknown model or an empty balance.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(ProviderUrls.Combine(baseUrl, "/models")),
            ProbeKind.Deep => ProbeRequests.PostJson(ProviderUrls.Combine(baseUrl, "/chat/completions"), ProbeRequests.OneTokenChat(model, DefaultDeepModel)),
            ProbeKind.Account => ProbeRequests.Get(BalanceUrl(baseUrl)),
            _ => null,
        };
        return request.WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => DeepSeekClassifier.Classify(reading);

    /// <summary>
    /// <c>/user/balance</c> sits at the API root (api-docs.deepseek.com), not under the OpenAI-compatible <c>/v1</c>
    /// that many set in <c>DEEPSEEK_BASE_URL</c>: a trailing <c>/v1</c> is left out for it.
    /// </summary>
    private static Uri BalanceUrl(Uri baseUrl)
    {
        if (!ProviderUrls.EndsWithSegment(baseUrl, "v1"))
        {
            return ProviderUrls.Combine(baseUrl, "/user/balance");
        }

        var path = ProviderUrls.BasePath(baseUrl);
        var root = new UriBuilder(baseUrl) { Path = path[..path.LastIndexOf('/')] }.Uri;
        return ProviderUrls.Combine(root, "/user/balance");
    }
}
