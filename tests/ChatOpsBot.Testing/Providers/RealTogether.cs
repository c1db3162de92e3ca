namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer <c>GET /v1/models</c> as Together does: the key read from
/// <c>Authorization: Bearer</c> only; a missing or unknown key gets the bare 401 <c>{"error":{"message":"Unauthorized"}}</c>,
/// a valid key the recorded model list, a bare JSON array (from Providers/Together/Recorded: maruel/genai cassettes
/// of real calls).
/// </summary>
public static class RealTogether
{
    public static FakeProviderServer AsTogether(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        var refused = FakeResponse.FromFixture(ProviderFixture.Load("together", "invalid-key-models-401"));
        var listed = FakeResponse.FromFixture(ProviderFixture.Load("together", "models-list-ok"));
        return server.On("GET", "/v1/models", request =>
        {
            var auth = request.Header("Authorization");
            var key = auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
            return key is not null && validKeys.Contains(key, StringComparer.Ordinal) ? listed : refused;
        });
    }
}
