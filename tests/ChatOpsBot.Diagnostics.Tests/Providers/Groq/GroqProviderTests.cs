using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Groq;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Groq;

public class GroqProviderTests
{
    private const string Key = "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";

    private static GroqProvider CreateSut() => new();

    private static Finding Read(string fixtureName)
    {
        var fixture = ProviderFixture.Load("groq", fixtureName);
        return ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Groq, fixture.Kind, fixture.Model)));
    }

    private static Finding Read(int status, string body, params (string Name, string Value)[] headers) =>
        ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body, [("content-type", "application/json"), .. headers]),
            ProbeTestKit.Context(ProviderId.Groq, ProbeKind.Deep, "llama-3.3-70b-versatile")));

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("groq").Count >= 10);
    }

    [Theory]
    [InlineData("https://api.groq.com/openai/v1", "https://api.groq.com/openai/v1/models")]
    [InlineData("https://api.groq.com/openai/v1/", "https://api.groq.com/openai/v1/models")]
    [InlineData("https://api.groq.com", "https://api.groq.com/openai/v1/models")]
    [InlineData("https://api.groq.com/openai", "https://api.groq.com/openai/v1/models")]
    [InlineData("http://127.0.0.1:4000/v1", "http://127.0.0.1:4000/v1/models")]
    public void CreateRequest_Auth_GetsModelsWithBearerKeyOnlyInTheHeader(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task CreateRequest_ModelAndDeep_FollowTheOpenAIRoot()
    {
        var root = new Uri("https://api.groq.com/openai/v1");
        using var model = CreateSut().CreateRequest(ProbeKind.Model, root, Key, "meta-llama/llama-4-scout-17b-16e-instruct")!;
        using var deep = CreateSut().CreateRequest(ProbeKind.Deep, root, Key, null)!;

        Assert.Equal("/openai/v1/models/meta-llama%2Fllama-4-scout-17b-16e-instruct", model.RequestUri!.AbsolutePath);
        Assert.Equal(HttpMethod.Post, deep.Method);
        Assert.Equal("https://api.groq.com/openai/v1/chat/completions", deep.RequestUri!.AbsoluteUri);
        var json = await deep.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"llama-3.1-8b-instant\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Account, root, Key, null));
    }

    [Fact]
    public void Descriptor_ClaimsGskKeys()
    {
        var d = CreateSut().Descriptor;

        Assert.Equal(KeyPlatform.Groq, KeyShapes.Identify(Key).Platform);
        Assert.True(KeyShapes.IsWellFormed(Key));
        Assert.Equal(["GROQ_API_KEY"], d.KeyVariables);
        Assert.Equal("GROQ_BASE_URL", d.BaseUrlVariable);
        Assert.Equal(new Uri("https://api.groq.com/openai/v1"), d.DefaultBaseUrl);
    }

    [Fact]
    public void Classify_InvalidKey_KeepsRegionAndRequestId()
    {
        var verdict = Read("invalid-api-key");

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Equal("us-west-1", verdict.Evidence["groq_region"]!.GetValue<string>());
        Assert.Equal("req_01k3ee1q5wf5nb01v2z0kz5ebk", verdict.Evidence["request_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("rate-limit-tpm-429", "per minute", "tokens")]
    [InlineData("rate-limit-tpd-429", "per day", "tokens")]
    public void Classify_RateLimit_NamesTheWindow(string name, string window, string unit)
    {
        var verdict = Read(name);

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal(window, verdict.Evidence["limit_window"]!.GetValue<string>());
        Assert.Equal(unit, verdict.Evidence["limit_unit"]!.GetValue<string>());
        Assert.Contains(window, verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TpmRateLimit_SaysTheTokenHeadersArePerMinute()
    {
        var verdict = Read("rate-limit-tpm-429");

        Assert.Equal("9458", verdict.Evidence["ratelimit_remaining_tokens"]!.GetValue<string>());
        Assert.Equal("per minute", verdict.Evidence["ratelimit_tokens_window"]!.GetValue<string>());
        Assert.Equal("2", verdict.Evidence["retry_after"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_429WithNoRequestsLeft_IsTheDailyRequestLimit()
    {
        var verdict = Read(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""",
            ("x-ratelimit-limit-requests", "1000"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-remaining-tokens", "5000"));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("per day", verdict.Evidence["limit_window"]!.GetValue<string>());
        Assert.Equal("requests", verdict.Evidence["limit_unit"]!.GetValue<string>());
        Assert.Equal("per day", verdict.Evidence["ratelimit_requests_window"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_413OnTokensPerMinute_IsRequestInvalidNotRateLimited()
    {
        var verdict = Read(413, """{"error":{"message":"Request too large for model `llama3-8b-8192` in organization `org_x` on tokens per minute (TPM): Limit 6000, Requested 12328, please reduce your message size and try again.","type":"tokens","code":"rate_limit_exceeded"}}""");

        Assert.Equal(VerdictCodes.RequestInvalid, verdict.Code);
    }

    [Fact]
    public void Classify_OrganizationRestricted400_IsAccountDisabled()
    {
        var verdict = Read("organization-restricted-400");

        Assert.Equal(VerdictCodes.AuthAccountDisabled, verdict.Code);
        Assert.Equal("organization_restricted", verdict.Evidence["error_code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("model-decommissioned-400", "retired")]
    [InlineData("model-not-found-404", "alike")]
    public void Classify_ModelAnswers_AreNotFoundAndSayWhich(string name, string word)
    {
        var verdict = Read(name);

        Assert.Equal(VerdictCodes.ModelNotFound, verdict.Code);
        Assert.Contains(word, verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_EnvoyOverflow_IsOverloadedWithTheText()
    {
        var verdict = Read("envoy-overflow-503");

        Assert.Equal(VerdictCodes.ProviderOverloaded, verdict.Code);
        Assert.Contains("overflow", verdict.Evidence["body_excerpt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_CloudflareBlockPage_IsUnexpectedAndNotTheKey()
    {
        var verdict = Read("cloudflare-attention-required-403");

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
        Assert.Equal("Attention Required! | Cloudflare", verdict.Evidence["html_title"]!.GetValue<string>());
        Assert.False(verdict.Evidence.ContainsKey("groq_region"));
    }

    [Fact]
    public void NextSteps_RateLimited_ExplainsTheWindows()
    {
        var steps = NextStepsCatalog.For(VerdictCodes.RateLimited, ProviderId.Groq).Steps;

        Assert.Contains(steps, s => s.Contains("per-day", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("https://console.groq.com/settings/limits", StringComparison.Ordinal));
    }
}
