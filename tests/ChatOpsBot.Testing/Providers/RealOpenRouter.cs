namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// OpenRouter on <c>/api/v1</c>: <c>Authorization: Bearer</c>, read there only. No usable bearer value: 401 "No auth
/// credentials found" (musistudio/claude-code-router#227); an unknown key: 401 "User not found." (Fosowl/agenticSeek#407);
/// a valid key: the documented model list on <c>GET /models/user</c> and the key facts on <c>GET /key</c> (docs.rs
/// openrouter 0.2.0 responses/key.json). OpenRouter echoes no key. Headers beyond content-type were not published.
/// </summary>
public static class RealOpenRouter
{
    public static FakeProviderServer AsOpenRouter(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.On("GET", "/api/v1/models/user", request => Answer(request, validKeys,
            """{"data":[{"id":"openai/gpt-4","canonical_slug":"openai/gpt-4","name":"GPT-4","created":1692901234,"context_length":8192,"pricing":{"prompt":"0.00003","completion":"0.00006"},"links":{"details":"/api/v1/models/openai/gpt-4/endpoints"}}]}"""));
        return server.On("GET", "/api/v1/key", request => Answer(request, validKeys,
            """{"data":{"label":"sk-or-v1-000...0ce","limit":5,"usage":0.1015644762,"is_provisioning_key":false,"limit_remaining":4.8984355238,"is_free_tier":false,"rate_limit":{"requests":50,"interval":"10s"}}}"""));
    }

    private static FakeResponse Answer(RecordedRequest request, string[] validKeys, string success)
    {
        var auth = request.Header("Authorization");
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal) || auth.Length == "Bearer ".Length)
        {
            return FakeResponse.Json(401, """{"error":{"message":"No auth credentials found","code":401}}""");
        }

        return validKeys.Contains(auth["Bearer ".Length..], StringComparer.Ordinal)
            ? FakeResponse.Json(200, success)
            : FakeResponse.Json(401, """{"error":{"message":"User not found.","code":401}}""");
    }
}
