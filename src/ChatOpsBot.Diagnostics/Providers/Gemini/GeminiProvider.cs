using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Gemini;

/// <summary>
/// Gemini (Generative Language API): <c>GET /v1beta/models</c> with the key in <c>x-goog-api-key</c> (never in the
/// URL), <c>GET /v1beta/models/{model}</c> for a model, and a <c>generateContent</c> call limited to 1 output token
/// for the deep check (<c>countTokens</c> is free and does not check quota). Google answers an invalid key with
/// 400, so the body's <c>status</c> and <c>ErrorInfo.reason</c> decide, not the HTTP status.
/// </summary>
public sealed class GeminiProvider : IProviderDefinition
{
    /// <summary>The model the deep check uses when none is named: the cheapest current model.</summary>
    public const string DefaultDeepModel = "gemini-2.5-flash-lite";

    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId.Gemini,
        Wire = "gemini",
        Aliases = ["google"],
        DisplayName = "Gemini",
        SettingsName = "Gemini",
        KeyVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        BaseUrlVariable = "GEMINI_BASE_URL",
        DefaultBaseUrl = new Uri("https://generativelanguage.googleapis.com"),
        KeyPlatform = KeyPlatform.Google,
        KeyHint = "AIza… (39 characters) or AQ.…",
        TraceUrl = null, // Google's own front end has no /cdn-cgi/trace
        Pages = GeminiNextSteps.Pages,
        KeyShapes = GeminiKeyShapes.Rules,
    };

    public ProviderId Id => Descriptor.Id;

    public string DeepCheckDescription =>
        $"Sends one generateContent request limited to 1 output token (to the named model, or {DefaultDeepModel}), "
        + "which is free on the free tier and costs a fraction of a cent otherwise, and shows whether quota is left.";

    public HttpRequestMessage? CreateRequest(ProbeKind kind, Uri baseUrl, string key, string? model)
    {
        ProbeRequests.Require(baseUrl, key);
        var request = kind switch
        {
            ProbeKind.Auth => ProbeRequests.Get(Url(baseUrl, "/models")),
            ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
                ProbeRequests.Get(Url(baseUrl, "/models/" + ModelSegment(model))),
            ProbeKind.Deep => ProbeRequests.PostJson(
                Url(baseUrl, "/models/" + ModelSegment(string.IsNullOrWhiteSpace(model) ? DefaultDeepModel : model) + ":generateContent"),
                DeepBody()),
            _ => null,
        };
        return request.WithHeader("x-goog-api-key", key);
    }

    public Finding Classify(ProbeReading reading) => GeminiClassifier.Classify(reading);

    /// <summary>A model given as <c>models/x</c> or <c>x</c>, escaped as one path segment.</summary>
    public static string ModelSegment(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        if (name.StartsWith("models/", StringComparison.OrdinalIgnoreCase))
        {
            name = name["models/".Length..];
        }

        return ProviderUrls.EscapeSegment(name);
    }

    /// <summary><c>{base}/v1beta/...</c>, without doubling a <c>/v1beta</c> the base already ends with.</summary>
    private static Uri Url(Uri baseUrl, string path) =>
        ProviderUrls.CombineUnder(baseUrl, "v1beta", path);

    private static JsonObject DeepBody() => new()
    {
        ["contents"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray(new JsonObject { ["text"] = "hi" }),
        }),
        ["generationConfig"] = new JsonObject { ["maxOutputTokens"] = 1 },
    };
}
