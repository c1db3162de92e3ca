using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Cohere;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Cohere;

public class CohereProviderTests
{
    private const string Key = "Zx9TESTKEYcohere00000000000000000000abcd";

    private static CohereProvider CreateSut() => new();

    private static Finding Read(ProviderFixture fixture) =>
        ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Cohere, fixture.Kind, fixture.Model)));

    private static Finding Read(string name) => Read(ProviderFixture.Load("cohere", name));

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("cohere").Count >= 14);
    }

    [Theory]
    [InlineData("https://api.cohere.com", "https://api.cohere.com/v1/models")]
    [InlineData("https://api.cohere.com/", "https://api.cohere.com/v1/models")]
    [InlineData("https://gw.example/cohere", "https://gw.example/cohere/v1/models")]
    [InlineData("http://127.0.0.1:4000", "http://127.0.0.1:4000/v1/models")]
    public void CreateRequest_Auth_GetsModelsWithBearerKeyOnly(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_Account_PostsCheckApiKey()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Account, new Uri("https://api.cohere.com"), Key, null)!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.cohere.com/v1/check-api-key", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_Model_GetsTheModelEscaped()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.cohere.com"), Key, "command a")!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v1/models/command%20a", request.RequestUri!.AbsolutePath);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.cohere.com"), Key, " "));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenV2Chat()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.cohere.com"), Key, null)!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.cohere.com/v2/chat", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"\"model\":\"{CohereProvider.DefaultDeepModel}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_MatchesTheContract()
    {
        var d = CreateSut().Descriptor;

        Assert.Equal("cohere", d.Wire);
        Assert.Empty(d.Aliases);
        Assert.Equal(["COHERE_API_KEY", "CO_API_KEY"], d.KeyVariables);
        Assert.Equal("COHERE_BASE_URL", d.BaseUrlVariable);
        Assert.Equal("Cohere", d.SettingsName);
        Assert.Equal(new Uri("https://api.cohere.com"), d.DefaultBaseUrl);
        Assert.Equal(KeyPlatform.Unknown, d.KeyPlatform);
        var rule = Assert.Single(d.KeyShapes);
        Assert.Equal(("", 40, KeyPlatform.Cohere), (rule.Prefix, rule.MinBody, rule.Shape.Platform));
        Assert.Equal([KeyPlatform.Cohere], KeyShapes.Identify(Key).CouldBe);
    }

    [Fact]
    public void Classify_CheckApiKeyValid_PassesWithTheOrganization()
    {
        var verdict = Read("check-api-key-valid");

        Assert.Equal(VerdictCodes.Ok, verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, verdict.Stage);
        Assert.True(verdict.Evidence["valid"]!.GetValue<bool>());
        Assert.Equal("organization_id", verdict.Evidence["organization_id"]!.GetValue<string>());
        Assert.Contains("organization", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_CheckApiKeyValidFalse_IsInvalidKey()
    {
        var finding = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(200, """{"valid":false}"""),
            ProbeTestKit.Context(ProviderId.Cohere, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.AuthInvalidKey, finding.Code);
        Assert.Equal(DiagnosticStage.Auth, finding.Stage);
        Assert.False(finding.Evidence["valid"]!.GetValue<bool>());
    }

    [Fact]
    public void Classify_AccountCheckWithoutFacts_PassesWithoutThrowing()
    {
        var finding = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(200, """{"models":[]}"""),
            ProbeTestKit.Context(ProviderId.Cohere, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
    }

    [Fact]
    public void Classify_TrialMonthlyLimit_IsQuotaNotRateLimit()
    {
        var verdict = Read("trial-key-monthly-limit");

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Equal("month", verdict.Evidence["limit_window"]!.GetValue<string>());
        Assert.True(verdict.Evidence["trial_key"]!.GetValue<bool>());
        Assert.Contains("not a rate limit", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TrialPerMinuteLimit_IsRateLimitedOfATrialKey()
    {
        var verdict = Read("trial-key-per-minute-limit");

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("minute", verdict.Evidence["limit_window"]!.GetValue<string>());
        Assert.True(verdict.Evidence["trial_key"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("limited to 1000 API calls/month.", VerdictCodes.QuotaExhausted)]
    [InlineData("limited to 1000 API calls /  Month", VerdictCodes.QuotaExhausted)]
    [InlineData("limited to 40 API calls/minute.", VerdictCodes.RateLimited)]
    [InlineData("trial token rate limit exceeded, limit is 100000 tokens per minute", VerdictCodes.RateLimited)]
    public void Classify_429Wording_SplitsMonthFromMinute(string message, string expected)
    {
        var finding = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(429, $$"""{"message":"You are using a Trial key, which is {{message}}"}"""),
            ProbeTestKit.Context(ProviderId.Cohere, ProbeKind.Deep)));

        Assert.Equal(expected, finding.Code);
    }

    [Fact]
    public void Classify_SpendCap402_IsQuotaAndPaymentMethod402IsBilling()
    {
        Assert.Equal(VerdictCodes.QuotaExhausted, Read("per-key-spend-limit-402").Code);
        Assert.Contains("maximum billing amount", Read("per-key-spend-limit-402").Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.BillingNotEnabled, Read("payment-method-required-402").Code);
    }

    [Fact]
    public void Classify_ExpiredAndMissingKey_AreToldApart()
    {
        Assert.Contains("expired", Read("trial-key-expired").Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.AuthMissingKey, Read("no-api-key-supplied").Code);
    }

    [Fact]
    public void Classify_RemovedModel_SaysRetiredWithItsDate()
    {
        var verdict = Read("model-removed-404");

        Assert.Equal(VerdictCodes.ModelNotFound, verdict.Code);
        Assert.Contains("retired", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("September 15, 2025", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_EdgeHtml403_IsUnexpectedWithTheExcerpt()
    {
        var verdict = Read("edge-403-html");

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
        Assert.Contains("403 Forbidden", verdict.Evidence["body_excerpt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(498, """{"message":"blocked"}""", VerdictCodes.ProviderUnexpected)]
    [InlineData(498, """{"message":"invalid api token"}""", VerdictCodes.AuthInvalidKey)]
    [InlineData(499, """{"message":"request cancelled"}""", VerdictCodes.ProviderUnexpected)]
    [InlineData(500, "", VerdictCodes.ProviderServerError)]
    [InlineData(429, "[]", VerdictCodes.RateLimited)]
    [InlineData(401, "{\"message\":", VerdictCodes.ProviderUnexpected)]
    [InlineData(404, "<html><body>nope</body></html>", VerdictCodes.ProviderUnexpected)]
    public void Classify_OddInput_FallsToTheStatusReading(int status, string body, string expected)
    {
        var finding = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.Cohere, ProbeKind.Deep)));

        Assert.Equal(expected, finding.Code);
    }
}
