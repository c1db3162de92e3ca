using System.Text.Json;

namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> behave like a LiteLLM proxy (the most common OpenAI-compatible gateway)
/// in the ways the engine depends on: the virtual key is read from <c>Authorization: Bearer</c> only; an unknown key
/// gets LiteLLM's <c>token_not_found_in_db</c> 401 (echoing the key's last four characters as LiteLLM does,
/// https://github.com/OpenHands/OpenHands/issues/17390); a missing key gets "No api key passed in."; a known key gets
/// LiteLLM's model list (https://github.com/BerriAI/litellm/issues/21032).
/// </summary>
public static class RealOpenAICompatible
{
    public static FakeProviderServer AsLiteLLM(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.On("GET", "/v1/models", request =>
        {
            var auth = request.Header("Authorization");
            if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return FakeResponse.Json(401, """{"error":{"message":"Authentication Error, No api key passed in.","type":"auth_error","param":"None","code":"401"}}""");
            }

            var key = auth["Bearer ".Length..];
            if (!validKeys.Contains(key, StringComparer.Ordinal))
            {
                var message = $"Authentication Error, Invalid proxy server token passed. Received API Key = sk-...{key[^Math.Min(4, key.Length)..]}, Key Hash (Token) ={new string('0', 64)}. Unable to find token in cache or `LiteLLM_VerificationTokenTable`";
                return FakeResponse.Json(401, JsonSerializer.Serialize(new { error = new { message, type = "token_not_found_in_db", param = "key", code = "401" } }));
            }

            return FakeResponse.Json(200, """{"data":[{"id":"Qwen/Qwen3-32B","object":"model","created":1677610602,"owned_by":"openai"}],"object":"list"}""");
        });
    }
}
