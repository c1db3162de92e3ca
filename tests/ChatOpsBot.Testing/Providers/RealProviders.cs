using System.Text.Json;

namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> behave like a real provider in the ways the engine depends on: it reads
/// the key from the header that provider reads (and only there), checks it against the keys it was told are valid,
/// and answers with the provider's real answer shapes (bodies as the providers publish them; sources below),
/// echoing the key the way the provider does (which is why the engine must scrub provider messages).
/// </summary>
public static class RealProviders
{
    /// <summary>
    /// OpenAI: <c>Authorization: Bearer</c>. Bodies: the "Incorrect API key provided" and "You didn't provide an API
    /// key" errors as OpenAI returns them (openai-python issues, platform.openai.com/docs/guides/error-codes).
    /// </summary>
    public static FakeProviderServer AsOpenAI(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.On("GET", "/v1/models", request =>
        {
            var auth = request.Header("Authorization");
            if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return FakeResponse.Json(401, """{"error":{"message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":null}}""",
                    ("x-request-id", "req_3b1f0e2a9c7d4e55a1b2c3d4e5f60718"));
            }

            var key = auth["Bearer ".Length..];
            if (!validKeys.Contains(key, StringComparer.Ordinal))
            {
                var message = $"Incorrect API key provided: {OpenAIEcho(key)}. You can find your API key at https://platform.openai.com/account/api-keys.";
                return FakeResponse.Json(401, JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error", param = (string?)null, code = "invalid_api_key" } }),
                    ("x-request-id", "req_9f8e7d6c5b4a39281706f5e4d3c2b1a0"));
            }

            return FakeResponse.Json(200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},{"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"}]}""",
                ("x-request-id", "req_0a1b2c3d4e5f60718293a4b5c6d7e8f9"), ("openai-organization", "user-abc123"), ("openai-processing-ms", "41"));
        });
    }

    /// <summary>
    /// Anthropic: <c>x-api-key</c> plus a required <c>anthropic-version</c>. Bodies as in docs.anthropic.com/en/api/errors.
    /// </summary>
    public static FakeProviderServer AsAnthropic(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.On("GET", "/v1/models", request =>
        {
            if (request.Header("anthropic-version") is null)
            {
                return FakeResponse.Json(400, """{"type":"error","error":{"type":"invalid_request_error","message":"anthropic-version: header is required"}}""",
                    ("request-id", "req_011CQv8aXdyBmNk3gP6Zr4Hs"));
            }

            var key = request.Header("x-api-key");
            if (key is null)
            {
                return FakeResponse.Json(401, """{"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"}}""",
                    ("request-id", "req_011CQv8bYezCnOl4hQ7As5It"));
            }

            if (!validKeys.Contains(key, StringComparer.Ordinal))
            {
                return FakeResponse.Json(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""",
                    ("request-id", "req_011CQv8cZf1DoPm5iR8Bt6Ju"));
            }

            return FakeResponse.Json(200, """{"data":[{"type":"model","id":"claude-3-5-haiku-20241022","display_name":"Claude Haiku 3.5","created_at":"2024-10-22T00:00:00Z"}],"has_more":false,"first_id":"claude-3-5-haiku-20241022","last_id":"claude-3-5-haiku-20241022"}""",
                ("request-id", "req_011CQv8dAg2EpQn6jS9Cu7Kv"), ("anthropic-ratelimit-requests-remaining", "49"), ("anthropic-ratelimit-requests-limit", "50"));
        });
    }

    /// <summary>
    /// Gemini: <c>x-goog-api-key</c> (or <c>?key=</c>). An invalid key is a 400 with reason API_KEY_INVALID; no key is
    /// a 403 "unregistered callers" (ai.google.dev/gemini-api/docs/troubleshooting; google-gemini issues).
    /// </summary>
    public static FakeProviderServer AsGemini(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.On("GET", "/v1beta/models", request =>
        {
            var key = request.Header("x-goog-api-key");
            if (key is null && request.Query.StartsWith("?key=", StringComparison.Ordinal))
            {
                key = Uri.UnescapeDataString(request.Query[5..]);
            }

            if (key is null)
            {
                return FakeResponse.Json(403, """{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}""");
            }

            if (!validKeys.Contains(key, StringComparer.Ordinal))
            {
                return FakeResponse.Json(400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"API key not valid. Please pass a valid API key."}]}}""");
            }

            return FakeResponse.Json(200, """{"models":[{"name":"models/gemini-2.0-flash","version":"2.0","displayName":"Gemini 2.0 Flash","inputTokenLimit":1048576,"outputTokenLimit":8192,"supportedGenerationMethods":["generateContent","countTokens"]}],"nextPageToken":"Chxtb2RlbHMvZ2VtaW5pLTIuMC1mbGFzaA=="}""");
        });
    }

    /// <summary>OpenAI's echo: the first 8 characters, asterisks, then the last 4 (as in its published 401 messages).</summary>
    public static string OpenAIEcho(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= 12 ? new string('*', key.Length) : key[..8] + new string('*', Math.Min(key.Length - 12, 40)) + key[^4..];
    }
}
