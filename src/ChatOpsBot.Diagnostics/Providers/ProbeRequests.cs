using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// The pieces every provider's <see cref="IProviderDefinition.CreateRequest"/> is built from: GET and POST requests, a
/// JSON body, the key in one header (never in the URL) with <c>Accept: application/json</c>, and the 1-token chat body
/// OpenAI-style APIs share. Paths, headers and bodies that differ stay in each provider.
/// </summary>
public static class ProbeRequests
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary>Throws when the base URL or the key is missing, as every provider's <c>CreateRequest</c> does first.</summary>
    public static void Require(Uri baseUrl, string key)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(key);
    }

    /// <summary>A GET request to <paramref name="url"/>.</summary>
    public static HttpRequestMessage Get(Uri url) => new(HttpMethod.Get, url);

    /// <summary>A POST request to <paramref name="url"/> with no body.</summary>
    public static HttpRequestMessage Post(Uri url) => new(HttpMethod.Post, url);

    /// <summary>A POST request to <paramref name="url"/> with <paramref name="body"/> as UTF-8 <c>application/json</c>.</summary>
    public static HttpRequestMessage PostJson(Uri url, JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>The key as <c>Authorization: Bearer …</c>, plus <c>Accept: application/json</c>; null stays null.</summary>
    public static HttpRequestMessage? WithBearer(this HttpRequestMessage? request, string key) =>
        request.WithHeader("Authorization", "Bearer " + key);

    /// <summary>One header (added without validation), plus <c>Accept: application/json</c> once; null stays null.</summary>
    public static HttpRequestMessage? WithHeader(this HttpRequestMessage? request, string name, string value)
    {
        if (request is null)
        {
            return null;
        }

        request.Headers.TryAddWithoutValidation(name, value);
        if (!request.Headers.Accept.Contains(Json))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return request;
    }

    /// <summary>
    /// <c>{"model", "messages":[{"role":"user","content":"hi"}], tokensField: 1}</c>: the named model (trimmed unless
    /// <paramref name="trim"/> is false) or <paramref name="defaultModel"/>, limited to one output token.
    /// </summary>
    public static JsonObject OneTokenChat(string? model, string defaultModel, string tokensField = "max_tokens", bool trim = true) => new()
    {
        ["model"] = string.IsNullOrWhiteSpace(model) ? defaultModel : trim ? model.Trim() : model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        [tokensField] = 1,
    };

    /// <summary>
    /// The OpenAI API's three probes under the <c>/v1</c> rule (<see cref="ProviderUrls.CombineV1"/>): <c>GET /models</c>
    /// (auth), <c>GET /models/{model}</c> (model, when one is named) and a 1-token <c>POST /chat/completions</c> (deep);
    /// null for any other kind. The key header is the caller's to add.
    /// </summary>
    public static HttpRequestMessage? OpenAIStyle(ProbeKind kind, Uri baseUrl, string? model, string defaultModel) => kind switch
    {
        ProbeKind.Auth => Get(ProviderUrls.CombineV1(baseUrl, "/models")),
        ProbeKind.Model when !string.IsNullOrWhiteSpace(model) =>
            Get(ProviderUrls.CombineV1(baseUrl, "/models/" + ProviderUrls.EscapeSegment(model))),
        ProbeKind.Deep => PostJson(ProviderUrls.CombineV1(baseUrl, "/chat/completions"), OneTokenChat(model, defaultModel)),
        _ => null,
    };
}
