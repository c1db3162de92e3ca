namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// xAI on <c>/v1</c>: <c>Authorization: Bearer xai-…</c>, read there only. An unknown key: 400 "Incorrect API key
/// provided: ab***yz" in xAI's flat envelope, echoing the key's first and last two characters as xAI does
/// (openai/codex#1352); a valid key: the documented model list and key info (xAI's REST API description, republished
/// by api-evangelist/xai). No header: 401 with the text xAI's docs give for it; its native body was never published
/// (the text was seen re-wrapped by Cloudflare AI Gateway, cloudflare/ai#430), so xAI's usual flat envelope is assumed.
/// </summary>
public static class RealXAI
{
    public static FakeProviderServer AsXAI(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.On("GET", "/v1/models", request => Answer(request, validKeys,
            """{"data":[{"id":"grok-4-0709","created":1752019200,"object":"model","owned_by":"xai"},{"id":"grok-3-mini","created":1743724800,"object":"model","owned_by":"xai"}],"object":"list"}"""));
        return server.On("GET", "/v1/api-key", request => Answer(request, validKeys,
            """{"redacted_api_key":"xai-...0000","user_id":"59fbe5f2-040b-46d5-8325-868bb8f23eb2","name":"My API Key","create_time":"2024-01-01T12:55:18.139305Z","modify_time":"2024-08-28T17:20:12.343321Z","modified_by":"3d38b4dc-4eb7-4785-ae26-c3fa8997ffc7","team_id":"5ea6f6bd-7815-4b8a-9135-28b2d7ba6722","acls":["api-key:model:*","api-key:endpoint:*"],"api_key_id":"ae1e1841-4326-4b36-a8a9-8a1a7237db11","team_blocked":false,"api_key_blocked":false,"api_key_disabled":false}"""));
    }

    private static FakeResponse Answer(RecordedRequest request, string[] validKeys, string success)
    {
        var auth = request.Header("Authorization");
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal) || auth.Length == "Bearer ".Length)
        {
            return FakeResponse.Json(401, """{"code":"The request does not have valid authentication credentials","error":"No or an invalid authentication header was provided on the request. Please make sure you pass your API key in the corresponding HTTP header."}""");
        }

        var key = auth["Bearer ".Length..];
        if (validKeys.Contains(key, StringComparer.Ordinal))
        {
            return FakeResponse.Json(200, success);
        }

        var echo = key.Length >= 4 ? $"{key[..2]}***{key[^2..]}" : "***";
        return FakeResponse.Json(400, $$$"""{"code":"Client specified an invalid argument","error":"Incorrect API key provided: {{{echo}}}. You can obtain an API key from https://console.x.ai."}""");
    }
}
