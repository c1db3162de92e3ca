using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.XAI;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.XAI;

public class XAIProviderTests
{
    private static readonly string Key = "xai-" + new string('A', 40) + new string('7', 40);

    private static XAIProvider CreateSut() => new();

    private static Finding Read(int status, string body, ProbeKind kind = ProbeKind.Deep) =>
        ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.XAI, kind, "grok-3-mini")));

    private static Finding Fixture(string name)
    {
        var fixture = ProviderFixture.Load("xai", name);
        return ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.XAI, fixture.Kind, fixture.Model)));
    }

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("xai").Count >= 10);
    }

    [Theory]
    [InlineData("https://api.x.ai/v1", "https://api.x.ai/v1/models")]
    [InlineData("https://api.x.ai", "https://api.x.ai/v1/models")]
    [InlineData("https://us-east-1.api.x.ai/v1/", "https://us-east-1.api.x.ai/v1/models")]
    [InlineData("http://127.0.0.1:4000", "http://127.0.0.1:4000/v1/models")]
    public void CreateRequest_Auth_FollowsTheSdkPathConvention(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task CreateRequest_ModelAccountAndDeep_HitTheirEndpoints()
    {
        var root = new Uri("https://api.x.ai/v1");
        using var model = CreateSut().CreateRequest(ProbeKind.Model, root, Key, "grok-4-0709")!;
        using var account = CreateSut().CreateRequest(ProbeKind.Account, root, Key, null)!;
        using var deep = CreateSut().CreateRequest(ProbeKind.Deep, root, Key, null)!;

        Assert.Equal("https://api.x.ai/v1/models/grok-4-0709", model.RequestUri!.AbsoluteUri);
        Assert.Equal("https://api.x.ai/v1/api-key", account.RequestUri!.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, account.Method);
        Assert.Equal("https://api.x.ai/v1/chat/completions", deep.RequestUri!.AbsoluteUri);
        var json = await deep.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"grok-3-mini\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_CreditsOrSpendingLimit429_IsMoneyNotARateLimit()
    {
        var verdict = Fixture("credits-or-spending-limit-429");

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Contains("not a rate limit", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("console.x.ai/team/default/billing", verdict.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UrlEncodedMessage_IsDecodedBeforeMatchingAndQuoting()
    {
        var verdict = Fixture("incorrect-api-key-url-encoded-400");

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.StartsWith("Incorrect API key provided", verdict.Evidence["provider_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("%20", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_EchoedSkKey_SaysItLooksLikeAnotherProvidersKey()
    {
        var verdict = Fixture("incorrect-api-key-400");

        Assert.Contains("another provider's key", verdict.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("***", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_KeyCheckOk_ReportsFlagsAndAcls()
    {
        var finding = Assert.Single(CreateSut().Read(ProviderFixture.Load("xai", "api-key-info-ok").ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.XAI, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(DiagnosticStage.Auth, finding.Stage);
        Assert.False(finding.Evidence["team_blocked"]!.GetValue<bool>());
        Assert.Equal(["api-key:model:*", "api-key:endpoint:*"], finding.Evidence["acls"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.DoesNotContain("xai-...", finding.Evidence.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"team_blocked\":true,\"api_key_blocked\":false,\"api_key_disabled\":false", VerdictCodes.AuthAccountDisabled)]
    [InlineData("\"team_blocked\":false,\"api_key_blocked\":true,\"api_key_disabled\":false", VerdictCodes.AuthKeyRevoked)]
    [InlineData("\"team_blocked\":false,\"api_key_blocked\":false,\"api_key_disabled\":true", VerdictCodes.AuthKeyRevoked)]
    public void Classify_KeyCheckFlags_MakeTheVerdict(string flags, string code)
    {
        var verdict = Read(200, "{\"redacted_api_key\":\"xai-...0000\",\"acls\":[\"api-key:endpoint:chat\"]," + flags + "}", ProbeKind.Account);

        Assert.Equal(code, verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, verdict.Stage);
    }

    [Fact]
    public void Classify_KeyCheckWithoutTheChatEndpoint_SaysSo()
    {
        var finding = Read(200, """{"acls":["api-key:endpoint:models"],"team_blocked":false,"api_key_blocked":false,"api_key_disabled":false}""", ProbeKind.Account);

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Contains("may not call chat completions", finding.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "", VerdictCodes.ProviderUnexpected)]
    [InlineData(401, "<html><head><title>401</title></head></html>", VerdictCodes.ProviderUnexpected)]
    [InlineData(429, "[{\"error\":{\"code\":429}}]", VerdictCodes.RateLimited)]
    [InlineData(500, "{\"code\":\"Internal", VerdictCodes.ProviderServerError)]
    [InlineData(200, "", VerdictCodes.ProviderUnexpected)]
    public void Classify_OddInput_GivesUnexpectedOrTheStatusReading(int status, string body, string code)
    {
        Assert.Equal(code, Read(status, body).Code);
    }
}
