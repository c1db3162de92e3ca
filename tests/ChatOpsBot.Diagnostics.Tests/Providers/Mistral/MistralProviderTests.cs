using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Mistral;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Mistral;

public class MistralProviderTests
{
    private const string Key = "Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A";

    private static MistralProvider CreateSut() => new();

    private static Finding Read(string fixtureName, ProbeKind? kind = null)
    {
        var fixture = ProviderFixture.Load("mistral", fixtureName);
        return ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.Mistral, kind ?? fixture.Kind, fixture.Model)));
    }

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("mistral").Count >= 12);
    }

    [Theory]
    [InlineData("https://api.mistral.ai/v1", "https://api.mistral.ai/v1/models")]
    [InlineData("https://api.mistral.ai/v1/", "https://api.mistral.ai/v1/models")]
    [InlineData("https://api.mistral.ai", "https://api.mistral.ai/v1/models")]
    [InlineData("https://gw.example/mistral", "https://gw.example/mistral/v1/models")]
    [InlineData("http://127.0.0.1:4000/v1", "http://127.0.0.1:4000/v1/models")]
    public void CreateRequest_Auth_GetsModelsWithBearerKeyOnlyInTheHeader(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_Model_GetsTheEscapedModel()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.mistral.ai/v1"), Key, "ft:open-mistral-7b:x")!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v1/models/ft%3Aopen-mistral-7b%3Ax", request.RequestUri!.AbsolutePath);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.mistral.ai/v1"), Key, " "));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenChatOnTheSmallModel()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.mistral.ai/v1"), Key, null)!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.mistral.ai/v1/chat/completions", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"mistral-small-latest\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("max_completion_tokens", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRequest_Account_HasNone()
    {
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Account, new Uri("https://api.mistral.ai/v1"), Key, null));
    }

    [Fact]
    public void Descriptor_DeclaresItsBareShape_ButClaimsNoKeyByIt()
    {
        var d = CreateSut().Descriptor;

        Assert.Equal(KeyPlatform.Unknown, d.KeyPlatform);
        var rule = Assert.Single(d.KeyShapes);
        Assert.Equal(("", 32, KeyPlatform.Mistral), (rule.Prefix, rule.MinBody, rule.Shape.Platform));
        var shape = KeyShapes.Identify(Key);
        Assert.NotEqual(KeyPlatform.Mistral, shape.Platform); // 32 letters and digits: only what it could be
        Assert.Equal([KeyPlatform.Mistral], shape.CouldBe);
        Assert.Equal(["MISTRAL_API_KEY"], d.KeyVariables);
        Assert.Equal("MISTRAL_BASE_URL", d.BaseUrlVariable);
        Assert.Equal("Mistral", d.SettingsName);
    }

    [Fact]
    public void Classify_KongOnly401_SaysTheGatewayAnsweredAndNamesCodestral()
    {
        var verdict = Read("invalid-key-models");

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.Contains("Codestral", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("019b1cdf-8274-7441-a65f-567020b7db1c", verdict.Evidence["request_id"]!.GetValue<string>());
        Assert.Contains("Kong", verdict.Evidence["answered_by"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Empty403_IsPermissionDeniedAndSaysTheBodyWasEmpty()
    {
        var verdict = Read("forbidden-403-empty-body");

        Assert.Equal(VerdictCodes.AuthPermissionDenied, verdict.Code);
        Assert.True(verdict.Evidence["body_empty"]!.GetValue<bool>());
        Assert.Contains("empty body", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_InvalidModel400_IsModelNotFoundWithTheNumericCode()
    {
        var verdict = Read("invalid-model-400");

        Assert.Equal(VerdictCodes.ModelNotFound, verdict.Code);
        Assert.Equal("1500", verdict.Evidence["error_code"]!.GetValue<string>());
        Assert.Equal("invalid_model", verdict.Evidence["error_type"]!.GetValue<string>());
        Assert.Contains("bad model", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TierCapacity429_IsOverloadedNotRateLimited()
    {
        var verdict = Read("service-tier-capacity-exceeded");

        Assert.Equal(VerdictCodes.ProviderOverloaded, verdict.Code);
        Assert.Contains("capacity", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void Classify_NewerTierCapacityCode3505_IsOverloaded(int status)
    {
        var body = """{"object":"error","message":"Service tier capacity exceeded for this model.","type":"service_tier_capacity_exceeded","param":null,"code":"3505"}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body, ("content-type", "application/json")),
            ProbeTestKit.Context(ProviderId.Mistral, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.ProviderOverloaded, verdict.Code);
        Assert.Equal("3505", verdict.Evidence["error_code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("x-ratelimit-remaining-tokens-month")]
    [InlineData("x-ratelimitbysize-remaining-month")]
    public void Classify_RateLimitWithNoMonthlyTokensLeft_IsQuotaExhausted(string header)
    {
        var fixture = ProviderFixture.Load("mistral", "rate-limited-1300");
        var response = ProbeTestKit.Response(429, fixture.Body, ("content-type", "application/json"), (header, "0"));

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(response, ProbeTestKit.Context(ProviderId.Mistral, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Equal("0", verdict.Evidence["ratelimit_remaining_tokens_month"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_RateLimitWithMonthlyTokensLeft_IsRateLimitedWithTheHeadroom()
    {
        var fixture = ProviderFixture.Load("mistral", "rate-limited-1300");
        var response = ProbeTestKit.Response(429, fixture.Body, ("content-type", "application/json"),
            ("x-ratelimit-remaining-tokens-month", "999967993"), ("x-ratelimit-remaining-req-minute", "0"));

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(response, ProbeTestKit.Context(ProviderId.Mistral, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("1300", verdict.Evidence["error_code"]!.GetValue<string>());
        Assert.Equal("999967993", verdict.Evidence["ratelimit_remaining_tokens_month"]!.GetValue<string>());
        Assert.Equal("0", verdict.Evidence["ratelimit_remaining_requests_minute"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_Wrapped422WithObjectMessage_IsRequestInvalid()
    {
        var verdict = Read("request-validation-422-wrapped");

        Assert.Equal(VerdictCodes.RequestInvalid, verdict.Code);
        Assert.Contains("max_completion_tokens", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NoRouteOnAuth_IsUnexpectedWithABaseUrlHint()
    {
        var body = """{"message":"no Route matched with those values","request_id":"4e7a1b2c3d4e5f60718293a4b5c6d7e8"}""";

        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(404, body, ("content-type", "application/json")),
            ProbeTestKit.Context(ProviderId.Mistral, ProbeKind.Auth, custom: true)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
        Assert.Contains("base URL", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    // Empty, array-wrapped and HTML answers of every provider: ProviderContractTests.
    [InlineData(200, "{\"object\":\"list\",\"data\":")]
    public void Classify_OddSuccessOrHtml_IsUnexpectedOrTheStatusReading(int status, string body)
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.Mistral)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Fact]
    public void Classify_ModelsList_PassesWithModelCount()
    {
        var verdict = Read("models-list-ok");

        Assert.Equal(VerdictCodes.Ok, verdict.Code);
        Assert.Equal(2, verdict.Evidence["model_count"]!.GetValue<int>());
    }

    [Fact]
    public void NextSteps_InvalidKey_NamesTheCodestralEndpoint()
    {
        var steps = NextStepsCatalog.For(VerdictCodes.AuthInvalidKey, ProviderId.Mistral).Steps;

        Assert.StartsWith("Check the key exists and is active: https://console.mistral.ai/api-keys", steps[0], StringComparison.Ordinal);
        Assert.Contains(steps, s => s.Contains("codestral.mistral.ai", StringComparison.Ordinal));
    }

    [Fact]
    public void DeepCheckDescription_SaysWhatItCosts()
    {
        Assert.Contains("1 output token", CreateSut().DeepCheckDescription, StringComparison.Ordinal);
    }
}
