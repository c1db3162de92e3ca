using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Perplexity;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Perplexity;

public class PerplexityProviderTests
{
    private const string Key = "pplx-TESTKEY0000000000000000000000000000000000000abcd";

    private static PerplexityProvider CreateSut() => new();

    private static Finding Read(ProviderFixture fixture, bool custom = false) =>
        ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Perplexity, fixture.Kind, fixture.Model, custom)));

    private static Finding Read(string name) => Read(ProviderFixture.Load("perplexity", name));

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("perplexity").Count >= 8);
    }

    [Theory]
    [InlineData("https://api.perplexity.ai", "https://api.perplexity.ai/router/v1/models")]
    [InlineData("https://api.perplexity.ai/", "https://api.perplexity.ai/router/v1/models")]
    [InlineData("http://127.0.0.1:4000/perplexity", "http://127.0.0.1:4000/perplexity/router/v1/models")]
    public void CreateRequest_Auth_GetsRouterModelsWithBearerKeyOnly(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_ModelAndAccount_HaveNoFreeCheck()
    {
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.perplexity.ai"), Key, "sonar"));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Account, new Uri("https://api.perplexity.ai"), Key, null));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenChatCompletionWithTheNameAsGiven()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.perplexity.ai"), Key, "sonar-pro ")!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.perplexity.ai/chat/completions", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"sonar-pro \"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_MatchesTheContract()
    {
        var d = CreateSut().Descriptor;

        Assert.Equal("perplexity", d.Wire);
        Assert.Empty(d.Aliases);
        Assert.Equal(["PERPLEXITY_API_KEY"], d.KeyVariables);
        Assert.Equal("PERPLEXITY_BASE_URL", d.BaseUrlVariable);
        Assert.Equal("Perplexity", d.SettingsName);
        Assert.Equal(KeyPlatform.Perplexity, KeyShapes.Identify(Key).Platform);
    }

    [Theory]
    [InlineData("invalid-key-html-openresty-cloudflare")]
    [InlineData("invalid-key-html-openresty-plain")]
    public void Classify_OpenrestyHtml401_IsInvalidKeyNamingBothCauses(string name)
    {
        var verdict = Read(name);

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Contains("wrong or revoked", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("balance is zero", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("openresty 401 Authorization Required", verdict.Evidence["perplexity_page"]!.GetValue<string>());
        Assert.Contains("billing", NextStepsCatalog.For(VerdictCodes.AuthInvalidKey, ProviderId.Perplexity).Steps[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_OpenrestyHtml401ThroughACustomBaseUrl_SaysWhereItCameFrom()
    {
        var verdict = Read(ProviderFixture.Load("perplexity", "invalid-key-html-openresty-plain"), custom: true);

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Contains("base URL", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "<html><head><title>401 Unauthorized</title></head><body>nginx</body></html>")]
    [InlineData(403, "<html><head><title>401 Authorization Required</title></head><body><center>openresty</center></body></html>")]
    [InlineData(401, "<html><body>Sign in to continue</body></html>")]
    public void Classify_OtherHtmlPages_StayUnexpected(int status, string body)
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body, ("Content-Type", "text/html")),
            ProbeTestKit.Context(ProviderId.Perplexity)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Fact]
    public void Classify_OtherProviderHtml401_IsNotReadAsPerplexitys()
    {
        var html = ProviderFixture.Load("perplexity", "invalid-key-html-openresty-plain");

        var verdict = ProbeTestKit.Verdict(new ChatOpsBot.Diagnostics.Providers.OpenAI.OpenAIProvider().Read(html.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAI)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Theory]
    [InlineData("invalid-model-trailing-space", "spaces")]
    [InlineData("invalid-model-provider-prefix", "bare name")]
    [InlineData("invalid-model-retired", "retired and unknown")]
    public void Classify_InvalidModel_IsNotFoundWithAHint(string name, string hint)
    {
        var verdict = Read(name);

        Assert.Equal(VerdictCodes.ModelNotFound, verdict.Code);
        Assert.Equal("invalid_model", verdict.Evidence["error_type"]!.GetValue<string>());
        Assert.Contains("accepted the key", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains(hint, verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "", VerdictCodes.RateLimited)]
    [InlineData(429, "[]", VerdictCodes.RateLimited)]
    [InlineData(401, "", VerdictCodes.ProviderUnexpected)]
    [InlineData(400, "{\"error\":{\"message\":\"Invalid model", VerdictCodes.ProviderUnexpected)]
    [InlineData(500, "", VerdictCodes.ProviderServerError)]
    [InlineData(400, "{\"error\":{\"message\":\"max_tokens must be positive\",\"type\":\"bad_request\",\"code\":400}}", VerdictCodes.RequestInvalid)]
    public void Classify_OddInput_FallsToTheStatusReading(int status, string body, string expected)
    {
        var finding = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.Perplexity, ProbeKind.Deep)));

        Assert.Equal(expected, finding.Code);
    }
}
