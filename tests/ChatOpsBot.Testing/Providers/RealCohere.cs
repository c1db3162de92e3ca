namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer <c>GET /v1/models</c> and <c>POST /v1/check-api-key</c> as Cohere
/// does: the key read from <c>Authorization: Bearer</c> only; no header gets 401 "no api key supplied", an unknown key
/// 401 "invalid api token" (Cohere's flat <c>{"message"}</c>); a valid key the recorded model list and key check
/// (Providers/Cohere/Recorded).
/// </summary>
public static class RealCohere
{
    public static FakeProviderServer AsCohere(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        var missing = FakeResponse.FromFixture(ProviderFixture.Load("cohere", "no-api-key-supplied"));
        var refused = FakeResponse.FromFixture(ProviderFixture.Load("cohere", "invalid-api-token"));
        FakeResponse Answer(RecordedRequest request, FakeResponse ok)
        {
            var auth = request.Header("Authorization");
            if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return missing;
            }

            return validKeys.Contains(auth["Bearer ".Length..], StringComparer.Ordinal) ? ok : refused;
        }

        var listed = FakeResponse.FromFixture(ProviderFixture.Load("cohere", "models-list-ok"));
        var checkedOk = FakeResponse.FromFixture(ProviderFixture.Load("cohere", "check-api-key-valid"));
        return server
            .On("GET", "/v1/models", request => Answer(request, listed))
            .On("POST", "/v1/check-api-key", request => Answer(request, checkedOk));
    }
}
