namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer <c>GET /v1/models</c> as Mistral does: the key read from
/// <c>Authorization: Bearer</c> only; a missing or unknown key gets Kong's 401 <c>{"detail":"Unauthorized"}</c> with
/// <c>x-kong-response-latency</c> and no upstream latency; a valid key gets the recorded model list (both from
/// Providers/Mistral/Recorded: maruel/genai cassettes of real calls).
/// </summary>
public static class RealMistral
{
    public static FakeProviderServer AsMistral(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        var refused = FakeResponse.FromFixture(ProviderFixture.Load("mistral", "invalid-key-models"));
        var listed = FakeResponse.FromFixture(ProviderFixture.Load("mistral", "models-list-ok"));
        return server.On("GET", "/v1/models", request =>
        {
            var auth = request.Header("Authorization");
            var key = auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
            return key is not null && validKeys.Contains(key, StringComparer.Ordinal) ? listed : refused;
        });
    }
}
