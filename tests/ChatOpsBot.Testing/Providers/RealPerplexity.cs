namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer <c>GET /router/v1/models</c> as Perplexity does: the key read from
/// <c>Authorization: Bearer</c> only; a missing or unknown key gets its HTML 401 openresty page, never JSON; a valid
/// key gets the documented model list (both from Providers/Perplexity/Recorded).
/// </summary>
public static class RealPerplexity
{
    public static FakeProviderServer AsPerplexity(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        var refused = FakeResponse.FromFixture(ProviderFixture.Load("perplexity", "invalid-key-html-openresty-plain"));
        var listed = FakeResponse.FromFixture(ProviderFixture.Load("perplexity", "models-list-ok"));
        return server.On("GET", "/router/v1/models", request =>
        {
            var auth = request.Header("Authorization");
            var key = auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
            return key is not null && validKeys.Contains(key, StringComparer.Ordinal) ? listed : refused;
        });
    }
}
