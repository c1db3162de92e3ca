using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.OpenAICompatible;

/// <summary>
/// Any server speaking the OpenAI API (a gateway such as LiteLLM, one-api/new-api, Portkey, or a model server such as
/// vLLM, Ollama, LM Studio): <c>GET {base}/models</c> with a bearer key, the path appended as OpenAI's SDK does (a
/// <c>/v1</c> added where the base has none). It has no public root: the base URL is required (--base-url or
/// <c>OPENAI_COMPATIBLE_BASE_URL</c>). Keys of any shape are accepted; every answer goes through the gateway step.
/// </summary>
public sealed class OpenAICompatibleProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named (gateways usually map it; name one with --model).</summary>
    public const string DefaultDeepModel = "gpt-4o-mini";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.OpenAICompatible,
        Wire = "openai-compatible",
        DisplayName = "OpenAI-compatible server",
        SettingsName = "OpenAICompatible",
        KeyVariables = ["OPENAI_COMPATIBLE_API_KEY"],
        BaseUrlVariable = "OPENAI_COMPATIBLE_BASE_URL",
        DefaultBaseUrl = null,
        BaseUrlDescription = "the server's API root, e.g. http://localhost:4000 or https://gateway.example.com/v1",
        JoinsAllOnlyWithBaseUrl = true,
        KeyPlatform = KeyPlatform.Unknown,
        KeyHint = "whatever the server issues (gateways mint sk-… keys of any length; local servers may take any word)",
        Pages = OpenAICompatibleNextSteps.Pages,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one chat completion limited to 1 output token (to the named model, or {DefaultDeepModel}) through the server, "
        + "which costs a few input tokens upstream and is the only way to see whether a gateway's upstream works.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        // max_tokens: the parameter every OpenAI-compatible server knows
        return ProbeRequests.OpenAIStyle(kind, baseUrl, model, DefaultDeepModel).WithBearer(key);
    }

    public Finding Classify(ProbeReading reading) => OpenAICompatibleClassifier.Classify(reading);
}
