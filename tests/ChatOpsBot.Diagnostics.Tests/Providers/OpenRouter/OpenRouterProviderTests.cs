using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.OpenRouter;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.OpenRouter;

public class OpenRouterProviderTests
{
    private const string Key = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string> Fixtures() => new(ProviderFixture.Names("openrouter"));

    private static OpenRouterProvider CreateSut() => new();

    private static Finding Verdict(string fixtureName, ProbeKind? kind = null)
    {
        var fixture = ProviderFixture.Load("openrouter", fixtureName);
        return ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.OpenRouter, kind ?? fixture.Kind, fixture.Model)));
    }

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("openrouter").Count >= 20);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Classify_RecordedAnswer_IsReadAsOpenRouters(string name)
    {
        // The expected code, status and detail of every recorded answer: ProviderContractTests.
        var verdict = Verdict(name);

        if (name != "models-list-ok")
        {
            Assert.Equal("openrouter", verdict.Evidence["gateway"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/models/user")]
    [InlineData("https://openrouter.ai/api/v1/", "https://openrouter.ai/api/v1/models/user")]
    [InlineData("https://eu.openrouter.ai/api/v1", "https://eu.openrouter.ai/api/v1/models/user")]
    [InlineData("http://127.0.0.1:4000", "http://127.0.0.1:4000/models/user")]
    public void CreateRequest_Auth_AppendsToTheApiRootAsTheSdkDoes(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_Account_IsTheFreeKeyCheck()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Account, new Uri("https://openrouter.ai/api/v1"), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://openrouter.ai/api/v1/key", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
        Assert.Null(request.Content);
    }

    [Fact]
    public void CreateRequest_Model_KeepsTheAuthorSlashAndEscapesSegments()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://openrouter.ai/api/v1"), Key, "deepseek/deepseek-chat-v3 :free")!;

        Assert.Equal("/api/v1/models/deepseek/deepseek-chat-v3%20:free/endpoints", request.RequestUri!.AbsolutePath);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://openrouter.ai/api/v1"), Key, " "));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenCompletionOnAPaidModel()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://openrouter.ai/api/v1"), Key, null)!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://openrouter.ai/api/v1/chat/completions", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"openai/gpt-4o-mini\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upstream-openai-region-refused-403", "region.unsupported", "OpenAI")]
    [InlineData("upstream-google-user-location-400", "region.unsupported", "Google AI Studio")]
    [InlineData("upstream-rate-limited-free-model-429", "rate.limited", "Chutes")]
    [InlineData("upstream-rate-limited-shared-pool-429", "rate.limited", "BaseTen")]
    [InlineData("upstream-sambanova-rate-limited-kind-wrapper-429", "rate.limited", "SambaNova")]
    public void Classify_WrappedUpstreamError_NamesBothAndGivesTheUpstreamCause(string name, string upstreamCode, string upstream)
    {
        var verdict = Verdict(name);

        Assert.Equal(VerdictCodes.GatewayUpstreamError, verdict.Code);
        Assert.Equal(upstreamCode, verdict.Evidence["upstream_code"]!.GetValue<string>());
        Assert.Equal(upstream, verdict.Evidence["upstream_provider"]!.GetValue<string>());
        Assert.StartsWith("OpenRouter accepted your key; the upstream provider (" + upstream + ")", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UpstreamRegionRefusal_QuotesTheUpstreamsOwnMessage()
    {
        var verdict = Verdict("upstream-google-user-location-400");

        Assert.Contains("refused your region", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("User location is not supported for the API use.", verdict.Evidence["upstream_message"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_KeyLimitExceeded_IsQuotaOfTheKeyNotAPermission()
    {
        var verdict = Verdict("key-limit-exceeded-monthly-403");

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Equal("key", verdict.Evidence["limit"]!.GetValue<string>());
        Assert.Contains("openrouter.ai/settings/keys", string.Join(' ', verdict.NextSteps), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_FreeModelsPerDay_IsARateLimitWithTheRemainingCount()
    {
        var verdict = Verdict("free-models-per-day-429");

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("free-models-per-day", verdict.Evidence["limit"]!.GetValue<string>());
        Assert.Equal("0", verdict.Evidence["ratelimit_remaining_requests"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_AccountCheck_ReportsCreditsLeftAsEvidence()
    {
        var finding = Assert.Single(CreateSut().Read(ProviderFixture.Load("openrouter", "key-info-ok-current-fields").ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.OpenRouter, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(DiagnosticStage.Auth, finding.Stage);
        Assert.Equal(74.5m, finding.Evidence["key_limit_remaining_usd"]!.GetValue<decimal>());
        Assert.Equal(100m, finding.Evidence["key_limit_usd"]!.GetValue<decimal>());
        Assert.Equal("monthly", finding.Evidence["key_limit_reset"]!.GetValue<string>());
        Assert.False(finding.Evidence["is_free_tier"]!.GetValue<bool>());
        Assert.Contains("$74.5 left", finding.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-v1", finding.Evidence.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_AccountCheckWithTheKeyLimitSpent_PredictsKeyLimitExceeded()
    {
        var body = """{"data":{"label":"sk-or-v1-000...0ce","limit":5,"usage":5.0000001,"limit_remaining":0,"is_free_tier":false,"is_provisioning_key":false}}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(200, body, ("Content-Type", "application/json")),
            ProbeTestKit.Context(ProviderId.OpenRouter, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Contains("Key limit exceeded", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal(0m, verdict.Evidence["key_limit_remaining_usd"]!.GetValue<decimal>());
    }

    [Fact]
    public void Classify_AccountCheckOnTheFreeTier_SaysOnlyFreeModelsWork()
    {
        var body = """{"data":{"label":"sk-or-v1-000...0ce","limit":null,"usage":0,"limit_remaining":null,"is_free_tier":true}}""";

        var finding = Assert.Single(CreateSut().Read(ProbeTestKit.Response(200, body), ProbeTestKit.Context(ProviderId.OpenRouter, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Contains("no spend limit", finding.Detail, StringComparison.Ordinal);
        Assert.Contains(":free models", finding.Detail, StringComparison.Ordinal);
        Assert.True(finding.Evidence["is_free_tier"]!.GetValue<bool>());
    }

    [Fact]
    public void Classify_DoublyNestedCreditError_IsQuota()
    {
        var body = """{"error":{"error":{"message":"More credits are required to run this request. 12000 token capacity required, 3308 available.","code":402},"code":402}}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(402, body), ProbeTestKit.Context(ProviderId.OpenRouter, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Contains("More credits are required", verdict.Evidence["provider_message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "")]
    [InlineData(401, "<html><head><title>401</title></head><body>cloudflare</body></html>")]
    [InlineData(403, "{\"error\":{\"message\":\"Provider returned error\",\"code\":403,\"metadata\":{\"raw\":{\"__kind\":\"OK\",\"data\":\"{not json\"}}}}")]
    [InlineData(429, "{\"error\":{\"message\":\"Provider returned error\",\"code\":429,\"metadata\":{\"raw\":[1,2]}}}")]
    [InlineData(500, "{\"error\":{\"message\":\"Internal")]
    [InlineData(503, "[{\"error\":{\"code\":503}}]")]
    public void Classify_OddBodies_NeverThrow(int status, string body)
    {
        foreach (var kind in Enum.GetValues<ProbeKind>())
        {
            var findings = CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.OpenRouter, kind, "openai/gpt-4o"));

            Assert.NotEmpty(findings);
            Assert.DoesNotContain(findings, f => f.Evidence.ContainsKey("classifier_error"));
        }
    }

    [Fact]
    public void Classify_EmptyAccountAnswer_IsUnexpectedNotAPass()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(200, ""), ProbeTestKit.Context(ProviderId.OpenRouter, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Fact]
    public void Classify_ArrayEnvelope_FallsToTheStatus()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(429, "[{\"error\":{\"code\":429}}]"),
            ProbeTestKit.Context(ProviderId.OpenRouter, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("openrouter", verdict.Evidence["gateway"]!.GetValue<string>());
    }

    [Fact]
    public void NextSteps_UpstreamError_PointsAtOtherRoutesAndTheStatusPage()
    {
        var steps = string.Join(' ', NextStepsCatalog.For(VerdictCodes.GatewayUpstreamError, ProviderId.OpenRouter).Steps);

        Assert.Contains("status.openrouter.ai", steps, StringComparison.Ordinal);
        Assert.Contains("another model", steps, StringComparison.Ordinal);
    }
}
