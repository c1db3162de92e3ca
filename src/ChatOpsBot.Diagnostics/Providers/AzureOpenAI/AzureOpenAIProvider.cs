using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI: the resource's own endpoint (no public default), the key in <c>api-key</c>. <c>GET
/// {endpoint}/openai/models?api-version=…</c> authenticates (key valid and resource reachable; it lists base models,
/// not deployments). <c>--model</c> names a deployment: the model check is a 1-token chat completion on
/// <c>/openai/deployments/{name}/chat/completions</c>, the only data-plane request that tells an existing deployment
/// (listing deployments needs Azure Resource Manager and an Entra token). The api-version travels in the query; the
/// key never does.
/// </summary>
public sealed class AzureOpenAIProvider : IProviderDefinition
{
    /// <summary>The GA data-plane API version the probes send (learn.microsoft.com rest/api/azureopenai).</summary>
    public const string ApiVersion = "2024-10-21";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.AzureOpenAI,
        Wire = "azure-openai",
        Aliases = ["azure"],
        DisplayName = "Azure OpenAI",
        SettingsName = "AzureOpenAI",
        KeyVariables = ["AZURE_OPENAI_API_KEY"],
        BaseUrlVariable = "AZURE_OPENAI_ENDPOINT",
        DefaultBaseUrl = null,
        BaseUrlDescription = "your resource's endpoint, https://<resource>.openai.azure.com (Keys and Endpoint in the Azure portal)",
        KeyPlatform = KeyPlatform.Unknown,
        KeyHint = "32 hexadecimal characters, or 84 letters and digits on newer resources (Keys and Endpoint in the Azure portal)",
        Pages = AzureOpenAINextSteps.Pages,
        NextStepsOverrides = AzureOpenAINextSteps.Overrides,
        KeyShapes = AzureOpenAIKeyShapes.Rules,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        "Azure OpenAI has no separate deep check: --model NAME already sends one chat completion limited to 1 output "
        + "token to that deployment (a few tokens, a fraction of a cent), which shows its rate limit and quota.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(Url(baseUrl, "/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) => ProbeRequests.PostJson(
                Url(baseUrl, "/deployments/" + ProviderUrls.EscapeSegment(model) + "/chat/completions"), OneTokenBody(model)),
            _ => null,
        };
        return request.WithHeader("api-key", key);
    }

    public Finding Classify(ProbeReading reading) => AzureOpenAIClassifier.Classify(reading);

    /// <summary>
    /// <c>{endpoint}/openai{path}?api-version=…</c>, as the Azure SDKs build it; an endpoint pasted with its
    /// <c>/openai</c> already is not doubled.
    /// </summary>
    private static Uri Url(Uri endpoint, string path)
    {
        return new UriBuilder(ProviderUrls.CombineUnder(endpoint, "openai", path)) { Query = "api-version=" + ApiVersion }.Uri;
    }

    private static JsonObject OneTokenBody(string deployment)
    {
        // A deployment name does not say its model; names of reasoning models (o1, o3, gpt-5…) refuse max_tokens.
        var name = deployment.Trim().ToLowerInvariant();
        var reasoning = (name.Length > 1 && name[0] == 'o' && char.IsAsciiDigit(name[1])) || name.StartsWith("gpt-5", StringComparison.Ordinal);
        return new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
            [reasoning ? "max_completion_tokens" : "max_tokens"] = 1,
        };
    }
}
