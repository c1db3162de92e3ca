namespace ChatOpsBot.Testing.Providers;

/// <summary>
/// Makes a <see cref="FakeProviderServer"/> answer <c>GET /openai/models</c> as an Azure OpenAI resource does: the key
/// read from the <c>api-key</c> header only (a bearer token gets the Entra ID path's flat 401), an unknown key gets
/// 401 "invalid subscription key or wrong API endpoint", a request without <c>api-version</c> 404 "Resource not
/// found", a valid key the documented model list (Providers/AzureOpenAI/Recorded).
/// </summary>
public static class RealAzureOpenAI
{
    public static FakeProviderServer AsAzureOpenAI(this FakeProviderServer server, params string[] validKeys)
    {
        ArgumentNullException.ThrowIfNull(server);
        var bearer = FakeResponse.FromFixture(ProviderFixture.Load("azure-openai", "key-sent-as-bearer-token"));
        var refused = FakeResponse.FromFixture(ProviderFixture.Load("azure-openai", "invalid-subscription-key"));
        var noVersion = FakeResponse.FromFixture(ProviderFixture.Load("azure-openai", "resource-not-found-path"));
        var listed = FakeResponse.FromFixture(ProviderFixture.Load("azure-openai", "models-list-ok"));
        return server.On("GET", "/openai/models", request =>
        {
            if (!request.Query.Contains("api-version=", StringComparison.Ordinal))
            {
                return noVersion;
            }

            var key = request.Header("api-key");
            if (key is null)
            {
                return request.Header("Authorization") is not null ? bearer : refused;
            }

            return validKeys.Contains(key, StringComparer.Ordinal) ? listed : refused;
        });
    }
}
