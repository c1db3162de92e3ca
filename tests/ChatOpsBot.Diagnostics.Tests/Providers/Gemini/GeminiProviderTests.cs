using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Gemini;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Gemini;

public class GeminiProviderTests
{
    private const string Key = "AIzaSyTESTKEY00000000000000000000000abcd";

    private static GeminiProvider CreateSut() => new();

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("gemini").Count >= 12);
    }

    [Theory]
    [InlineData("https://generativelanguage.googleapis.com", "https://generativelanguage.googleapis.com/v1beta/models")]
    [InlineData("https://generativelanguage.googleapis.com/", "https://generativelanguage.googleapis.com/v1beta/models")]
    [InlineData("https://gw.example/gemini", "https://gw.example/gemini/v1beta/models")]
    [InlineData("https://gw.example/gemini/v1beta/", "https://gw.example/gemini/v1beta/models")]
    public void CreateRequest_Auth_UsesV1betaAndKeyHeaderNeverQuery(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal(Key, Assert.Single(request.Headers.GetValues("x-goog-api-key")));
        Assert.False(request.Headers.Contains("Authorization"));
        Assert.Empty(request.RequestUri.Query);
        Assert.DoesNotContain("key=", request.RequestUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CreateRequest_BaseWithKeyQuery_DropsTheQuery()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri("https://gw.example/?key=" + Key), Key, null)!;

        Assert.Equal("https://gw.example/v1beta/models", request.RequestUri!.AbsoluteUri);
    }

    [Theory]
    [InlineData("gemini-2.5-flash")]
    [InlineData("models/gemini-2.5-flash")]
    [InlineData(" models/gemini-2.5-flash ")]
    public void CreateRequest_Model_AcceptsBothModelForms(string model)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://generativelanguage.googleapis.com"), Key, model)!;

        Assert.Equal("/v1beta/models/gemini-2.5-flash", request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task CreateRequest_Deep_GeneratesOneToken()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://generativelanguage.googleapis.com"), Key, "models/gemini-2.5-pro")!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1beta/models/gemini-2.5-pro:generateContent", request.RequestUri!.AbsolutePath);
        Assert.Empty(request.RequestUri.Query);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"maxOutputTokens\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRequest_DeepWithoutModel_UsesCheapDefault()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://generativelanguage.googleapis.com"), Key, null)!;

        Assert.EndsWith("/models/" + GeminiProvider.DefaultDeepModel + ":generateContent", request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_InvalidKeyWith400_IsAuthInvalidKeyNotRequestInvalid()
    {
        var fixture = ProviderFixture.Load("gemini", "api-key-invalid");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Gemini)));

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Equal("API_KEY_INVALID", verdict.Evidence["reason"]!.GetValue<string>());
        Assert.Equal("INVALID_ARGUMENT", verdict.Evidence["error_status"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_ResourceExhausted_KeepsRetryDelayAndQuotaViolations()
    {
        var fixture = ProviderFixture.Load("gemini", "free-tier-per-minute");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("33s", verdict.Evidence["retry_delay"]!.GetValue<string>());
        var violations = verdict.Evidence["quota_violations"]!.AsArray();
        Assert.Equal(3, violations.Count);
        Assert.Equal("GenerateContentInputTokensPerModelPerMinute-FreeTier", violations[0]!["quota_id"]!.GetValue<string>());
        Assert.Contains("33s", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_DailyQuotaOnly_IsRateLimitedWithADailyWait()
    {
        var body = """
            {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_requests_per_model_per_day","quotaId":"GenerateRequestsPerDayPerProjectPerModel"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}}
            """;

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(429, body), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Deep)));

        // A daily quota resets (it is not spent credit): a rate limit whose wait is hours, and the detail says so.
        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Contains("daily", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("3600s", verdict.Evidence["retry_delay"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_ModelsList_PassesWithCount()
    {
        var finding = Assert.Single(CreateSut().Read(
            ProbeTestKit.Response(200, """{"models":[{"name":"models/a"},{"name":"models/b"},{"name":"models/c"}]}"""),
            ProbeTestKit.Context(ProviderId.Gemini)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(3, finding.Evidence["model_count"]!.GetValue<int>());
        Assert.Contains("3 models", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_LocationRefused_ReportsAtEgressStage()
    {
        var fixture = ProviderFixture.Load("gemini", "user-location-not-supported");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RegionUnsupported, verdict.Code);
        Assert.Equal(DiagnosticStage.Egress, verdict.Stage);
    }

    [Theory]
    [InlineData(ProbeKind.Auth, "auth.permission_denied")]
    [InlineData(ProbeKind.Model, "model.no_access")]
    [InlineData(ProbeKind.Deep, "model.no_access")]
    public void Classify_BarePermissionDenied_IsTheModelOnlyOnModelProbes(ProbeKind kind, string expected)
    {
        var fixture = ProviderFixture.Load("gemini", "caller-no-permission-preview-model");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Gemini, kind, "gemini-3-pro-preview")));

        Assert.Equal(expected, verdict.Code);
    }

    [Fact]
    public void Classify_GoogleFrontEndPage_IsTheNetworkNotTheKey()
    {
        var fixture = ProviderFixture.Load("gemini", "google-frontend-403-html");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Auth)));

        Assert.Equal(VerdictCodes.NetworkIpNotAllowed, verdict.Code);
        Assert.Equal(DiagnosticStage.Egress, verdict.Stage);
        Assert.Equal("google-front-end", verdict.Evidence["refused_by"]!.GetValue<string>());
        Assert.Contains("another network", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "<html><head><title>403 Forbidden</title></head><body>nginx</body></html>")]
    [InlineData(404, "<!DOCTYPE html><html><title>Error 404 (Not Found)!!1</title><p>The requested URL was not found on this server.</html>")]
    public void Classify_OtherHtmlPages_StayUnexpected(int status, string html)
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(status, html, ("content-type", "text/html")), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Auth)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Fact]
    public void Classify_LimitZeroOutsideTheFreeTier_IsQuotaExhaustedNamingTheRegion()
    {
        var fixture = ProviderFixture.Load("gemini", "regional-per-minute-limit-zero");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Contains("us-west4", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ArrayEnvelope_ReadsTheErrorInside()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(400, """[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}]"""),
            ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Equal("API_KEY_INVALID", verdict.Evidence["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("This model models/gemini-2.0-flash is no longer available. Please update your code to use a newer model.", "model.not_found")]
    [InlineData("This model models/gemini-2.5-flash is no longer available to new users. Please update your code to use a newer model.", "model.no_access")]
    public void Classify_NoLongerAvailable_RetiredForAllOrClosedToSome(string message, string expected)
    {
        var body = $$$"""{"error":{"code":404,"message":"{{{message}}}","status":"NOT_FOUND"}}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(404, body), ProbeTestKit.Context(ProviderId.Gemini, ProbeKind.Model, "gemini-x")));

        Assert.Equal(expected, verdict.Code);
    }
}
