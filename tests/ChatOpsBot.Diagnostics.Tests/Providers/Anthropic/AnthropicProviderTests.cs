using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Anthropic;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Anthropic;

public class AnthropicProviderTests
{
    private const string Key = "sk-ant-api03-TESTKEY000000000000000000000000000000000000abcd";

    private static AnthropicProvider CreateSut() => new();

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("anthropic").Count >= 12);
    }

    [Theory]
    [InlineData("https://api.anthropic.com", "https://api.anthropic.com/v1/models")]
    [InlineData("https://api.anthropic.com/", "https://api.anthropic.com/v1/models")]
    [InlineData("https://gw.example/anthropic", "https://gw.example/anthropic/v1/models")]
    [InlineData("https://gw.example/anthropic/", "https://gw.example/anthropic/v1/models")]
    public void CreateRequest_Auth_AppendsV1ModelsAndSendsHeaders(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal(Key, Assert.Single(request.Headers.GetValues("x-api-key")));
        Assert.Equal("2023-06-01", Assert.Single(request.Headers.GetValues("anthropic-version")));
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public void CreateRequest_Model_GetsThatModel()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.anthropic.com"), Key, "claude-sonnet-4-5")!;

        Assert.Equal("https://api.anthropic.com/v1/models/claude-sonnet-4-5", request.RequestUri!.AbsoluteUri);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.anthropic.com"), Key, null));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenMessage()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.anthropic.com"), Key, null)!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.anthropic.com/v1/messages", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"" + AnthropicProvider.DefaultDeepModel + "\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_RateLimited_KeepsRequestIdAndHeadroom()
    {
        var fixture = ProviderFixture.Load("anthropic", "rate-limit-input-tokens");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Anthropic, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("req_011CRateLimitExample0001", verdict.Evidence["request_id"]!.GetValue<string>());
        Assert.Equal("49", verdict.Evidence["ratelimit_remaining_requests"]!.GetValue<string>());
        Assert.Equal("8000", verdict.Evidence["ratelimit_remaining_tokens"]!.GetValue<string>());
        Assert.Equal("0", verdict.Evidence["ratelimit_remaining_input_tokens"]!.GetValue<string>());
        Assert.Equal("21", verdict.Evidence["retry_after"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_RequestIdOnlyInBody_IsKept()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_body_only"}"""),
            ProbeTestKit.Context(ProviderId.Anthropic, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.ProviderOverloaded, verdict.Code);
        Assert.Equal("req_body_only", verdict.Evidence["request_id"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_RegionBlock_ReportsAtEgressStage()
    {
        var fixture = ProviderFixture.Load("anthropic", "request-not-allowed-region");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Anthropic)));

        Assert.Equal(VerdictCodes.RegionUnsupported, verdict.Code);
        Assert.Equal(DiagnosticStage.Egress, verdict.Stage);
        Assert.Equal("8d65e0a58f7df577-NRT", verdict.Evidence["cf_ray"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_ModelsList_Passes()
    {
        var finding = Assert.Single(CreateSut().Read(
            ProbeTestKit.Response(200, """{"data":[{"id":"claude-haiku-4-5","type":"model"}],"has_more":false}""", ("request-id", "req_ok")),
            ProbeTestKit.Context(ProviderId.Anthropic)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(1, finding.Evidence["model_count"]!.GetValue<int>());
        Assert.Equal("req_ok", finding.Evidence["request_id"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_NotFoundOnAuthProbeOfGateway_IsUnexpectedWithPathHint()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(
            ProbeTestKit.Response(404, """{"type":"error","error":{"type":"not_found_error","message":"Not Found"}}"""),
            ProbeTestKit.Context(ProviderId.Anthropic, ProbeKind.Auth, custom: true)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
        Assert.Contains("/v1", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "rate_limit_error", "Extra usage is required for long context requests.", "billing.not_enabled")]
    [InlineData(400, "invalid_request_error", "You're out of extra usage. Add more at claude.ai/settings/usage and keep going.", "quota.exhausted")]
    [InlineData(400, "invalid_request_error", "This credential is only authorized for use with Claude Code and cannot be used for other API requests.", "auth.permission_denied")]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your daily rate limit.", "rate.limited")]
    [InlineData(400, "invalid_request_error", "anthropic-version: header is required", "request.invalid")]
    public void Classify_MessageDecidesOverTypeAndStatus(int status, string type, string message, string expected)
    {
        var body = $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"},"request_id":"req_1"}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.Anthropic, ProbeKind.Deep)));

        Assert.Equal(expected, verdict.Code);
    }

    [Fact]
    public void Classify_DailyLimit_SaysTheWaitIsTheDay()
    {
        var fixture = ProviderFixture.Load("anthropic", "daily-token-rate-limit");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Anthropic, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Contains("daily", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProbeKind.Deep, "request.invalid")]
    [InlineData(ProbeKind.Model, "request.invalid")]
    public void Classify_BareNotFoundOnLaterProbes_IsThePathNotTheModel(ProbeKind kind, string expected)
    {
        var fixture = ProviderFixture.Load("anthropic", "path-not-found-404");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Anthropic, kind, "claude-x")));

        Assert.Equal(expected, verdict.Code);
        Assert.Contains("/v1", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_VersionHeaderMissing_SaysItWasDroppedOnTheWay()
    {
        var fixture = ProviderFixture.Load("anthropic", "anthropic-version-header-missing");

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Anthropic, ProbeKind.Auth)));

        Assert.Equal(VerdictCodes.RequestInvalid, verdict.Code);
        Assert.Contains("dropped it", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("req_011CaDvrymxizFC1oij4M9EK", verdict.Evidence["request_id"]!.GetValue<string>());
    }
}
