namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer <c>GET /openai/v1/models</c> as Groq does: the key read from
/// <c>Authorization: Bearer</c> only; a missing or unknown key gets the 401 <c>invalid_api_key</c> "Invalid API Key"
/// (Groq does not echo the key), a valid key the recorded model list, both with <c>x-groq-region</c> (from
/// Providers/Groq/Recorded: maruel/genai cassettes of real calls).
/// </summary>
public static class RealGroq
{
    public static FakeProviderServer AsGroq(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        var refused = FakeResponse.FromFixture(ProviderFixture.Load("groq", "invalid-api-key"));
        var listed = FakeResponse.FromFixture(ProviderFixture.Load("groq", "models-list-ok"));
        return server.On("GET", "/openai/v1/models", request =>
        {
            var auth = request.Header("Authorization");
            var key = auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
            return key is not null && validKeys.Contains(key, StringComparer.Ordinal) ? listed : refused;
        });
    }
}
