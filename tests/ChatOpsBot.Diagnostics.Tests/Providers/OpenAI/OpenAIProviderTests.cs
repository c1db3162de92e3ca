using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.OpenAI;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.OpenAI;

public class OpenAIProviderTests
{
    private const string Key = "sk-proj-TESTKEY0000000000000000000000000000abcd";

    private static OpenAIProvider CreateSut() => new();

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("openai").Count >= 12);
    }

    [Theory]
    [InlineData("https://api.openai.com", "https://api.openai.com/v1/models")]
    [InlineData("https://api.openai.com/", "https://api.openai.com/v1/models")]
    [InlineData("https://gw.example/v1", "https://gw.example/v1/models")]
    [InlineData("https://gw.example/v1/", "https://gw.example/v1/models")]
    [InlineData("https://gw.example/openai", "https://gw.example/openai/v1/models")]
    [InlineData("https://gw.example/api/openai/v1", "https://gw.example/api/openai/v1/models")]
    [InlineData("http://127.0.0.1:4000", "http://127.0.0.1:4000/v1/models")]
    public void CreateRequest_Auth_FollowsSdkPathConvention(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_ModelWithoutModel_ReturnsNull()
    {
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.openai.com"), Key, null));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.openai.com"), Key, "  "));
    }

    [Fact]
    public void CreateRequest_Model_EscapesTheModelName()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://gw.example/v1"), Key, "openai/gpt-4o mini")!;

        Assert.Equal("/v1/models/openai%2Fgpt-4o%20mini", request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task CreateRequest_DeepWithoutModel_PostsOneTokenCompletionOnCheapModel()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.openai.com"), Key, null)!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.openai.com/v1/chat/completions", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"gpt-4o-mini\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("o3-mini")]
    [InlineData("gpt-5")]
    [InlineData("openai/o1")]
    public async Task CreateRequest_DeepOnReasoningModel_UsesMaxCompletionTokens(string model)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.openai.com"), Key, model)!;

        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"max_completion_tokens\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"max_tokens\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRequest_KeyWithNewline_DoesNotThrow()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri("https://api.openai.com"), Key + "\n", null);

        Assert.NotNull(request);
    }

    [Fact]
    public void Classify_ModelsList_PassesWithModelCountAndAccountHeaders()
    {
        var response = ProbeTestKit.Response(200, """{"object":"list","data":[{"id":"a"},{"id":"b"}]}""",
            ("x-request-id", "req_abc"), ("openai-organization", "org-x"), ("openai-project", "proj_y"),
            ("x-ratelimit-remaining-requests", "499"), ("x-ratelimit-remaining-tokens", "199990"), ("x-ratelimit-reset-requests", "120ms"));

        var finding = Assert.Single(CreateSut().Read(response, ProbeTestKit.Context(ProviderId.OpenAI)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(DiagnosticStage.Auth, finding.Stage);
        Assert.True(finding.FromProviderAnswer);
        Assert.Equal(2, finding.Evidence["model_count"]!.GetValue<int>());
        Assert.Equal("req_abc", finding.Evidence["request_id"]!.GetValue<string>());
        Assert.Equal("org-x", finding.Evidence["openai_organization"]!.GetValue<string>());
        Assert.Equal("proj_y", finding.Evidence["openai_project"]!.GetValue<string>());
        Assert.Equal("499", finding.Evidence["ratelimit_remaining_requests"]!.GetValue<string>());
        Assert.Equal("199990", finding.Evidence["ratelimit_remaining_tokens"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(ProbeKind.Model, DiagnosticStage.Model)]
    [InlineData(ProbeKind.Deep, DiagnosticStage.Deep)]
    public void Classify_SuccessOfLaterProbe_PassesAtThatStage(ProbeKind kind, DiagnosticStage stage)
    {
        var finding = Assert.Single(CreateSut().Read(ProbeTestKit.Response(200, """{"id":"gpt-4o","object":"model"}"""),
            ProbeTestKit.Context(ProviderId.OpenAI, kind, "gpt-4o")));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(stage, finding.Stage);
    }

    [Fact]
    public void Classify_RateLimited_KeepsHeadroomAndRetryAfter()
    {
        var fixture = ProviderFixture.Load("openai", "rate-limit-rpd");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAI, ProbeKind.Deep)));

        Assert.Equal("0", verdict.Evidence["ratelimit_remaining_requests"]!.GetValue<string>());
        Assert.Equal("9", verdict.Evidence["retry_after"]!.GetValue<string>());
        Assert.Equal("rate_limit_exceeded", verdict.Evidence["error_code"]!.GetValue<string>());
        Assert.Equal("requests", verdict.Evidence["error_type"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_GoogleKeyEchoed_SaysWrongPlatformWithoutTheKey()
    {
        var fixture = ProviderFixture.Load("openai", "google-key-sent-to-openai");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAI)));

        Assert.Equal(VerdictCodes.KeyWrongPlatform, verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, verdict.Stage);
        Assert.Contains("Google", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("AIza", verdict.Evidence["echoed_key_prefix"]!.GetValue<string>());
        Assert.DoesNotContain("AIzaSyAo", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ProviderMessage_IsCappedAt300Chars()
    {
        var longMessage = new string('a', 5000);
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(400, "{\"error\":{\"message\":\"" + longMessage + "\",\"type\":\"invalid_request_error\"}}"),
            ProbeTestKit.Context(ProviderId.OpenAI, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RequestInvalid, verdict.Code);
        Assert.True(verdict.Evidence["provider_message"]!.GetValue<string>().Length <= 300);
    }

    [Theory]
    [InlineData(407, "", "Proxy-Authenticate", "Basic realm=\"corp\"")]
    [InlineData(403, "<html><head><title>Access Denied</title></head><body>Zscaler blocked this site</body></html>", "Content-Type", "text/html")]
    [InlineData(403, "<html><body>ERR_ACCESS_DENIED</body></html>", "Server", "squid/5.7")]
    public void Classify_ProxyAnswer_IsNetworkProxy(int status, string body, string header, string value)
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body, (header, value)), ProbeTestKit.Context(ProviderId.OpenAI)));

        Assert.Equal(VerdictCodes.NetworkProxy, verdict.Code);
        Assert.Equal(DiagnosticStage.Network, verdict.Stage);
    }

    [Fact]
    public void Classify_HtmlPageOnCustomBase_IsUnexpectedWithExcerpt()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(200, "<!doctype html><html><head><title>One API</title></head><body>login</body></html>"),
            ProbeTestKit.Context(ProviderId.OpenAI, custom: true)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
        Assert.Equal("One API", verdict.Evidence["html_title"]!.GetValue<string>());
        Assert.Contains("base URL", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepCheckDescription_SaysWhatItCosts()
    {
        Assert.Contains("1 output token", CreateSut().DeepCheckDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "reasoning.summary", "auth.permission_denied")]
    [InlineData(400, null, "model.no_access")]
    [InlineData(403, null, "model.no_access")]
    public void Classify_OrganizationNotVerified_IsTheFeatureOrTheModelNeverTheRequest(int status, string? param, string expected)
    {
        var paramJson = param is null ? "null" : $"\"{param}\"";
        var body = $$$"""{"error":{"message":"Your organization must be verified to do this. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.","type":"invalid_request_error","param":{{{paramJson}}},"code":"unsupported_value"}}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.OpenAI, ProbeKind.Deep, "gpt-5")));

        Assert.Equal(expected, verdict.Code);
    }

    [Theory]
    [InlineData("Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 30601. The input or output tokens must be reduced.", "request.invalid")]
    [InlineData("Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Used 29000, Requested 1601. Please try again in 3s.", "rate.limited")]
    [InlineData("Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 100.", "rate.limited")]
    public void Classify_TpmAnswer_OnlyARequestBiggerThanTheLimitIsInvalid(string message, string expected)
    {
        var body = $$$"""{"error":{"message":"{{{message}}}","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(429, body), ProbeTestKit.Context(ProviderId.OpenAI, ProbeKind.Deep, "gpt-4o")));

        Assert.Equal(expected, verdict.Code);
    }

    [Fact]
    public void Classify_EnvoyPlainText_IsServerErrorQuotingIt()
    {
        var fixture = ProviderFixture.Load("openai", "envoy-upstream-connect-error-text");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.OpenAI, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.ProviderServerError, verdict.Code);
        Assert.Contains("upstream connect error", verdict.Detail, StringComparison.Ordinal);
    }
}
