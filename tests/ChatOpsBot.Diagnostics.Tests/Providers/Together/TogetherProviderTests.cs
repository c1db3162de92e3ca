using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.Together;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.Together;

public class TogetherProviderTests
{
    private const string Key = "tgp_v1_Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A-_q3vT8kLm2";

    private static TogetherProvider CreateSut() => new();

    private static Finding Read(string fixtureName)
    {
        var fixture = ProviderFixture.Load("together", fixtureName);
        return ProbeTestKit.Verdict(CreateSut().Read(fixture.ToProbeResponse(), ProbeTestKit.Context(ProviderId.Together, fixture.Kind, fixture.Model)));
    }

    private static Finding Read(int status, string body, ProbeKind kind = ProbeKind.Deep) =>
        ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body, ("content-type", "application/json")),
            ProbeTestKit.Context(ProviderId.Together, kind, "meta-llama/Llama-3.3-70B-Instruct-Turbo")));

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("together").Count >= 9);
    }

    [Theory]
    [InlineData("https://api.together.xyz/v1", "https://api.together.xyz/v1/models")]
    [InlineData("https://api.together.xyz/v1/", "https://api.together.xyz/v1/models")]
    [InlineData("https://api.together.xyz", "https://api.together.xyz/v1/models")]
    [InlineData("http://127.0.0.1:4000/together/v1", "http://127.0.0.1:4000/together/v1/models")]
    public void CreateRequest_Auth_GetsModelsWithBearerKeyOnlyInTheHeader(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenChat_AndThereIsNoModelOrAccountProbe()
    {
        var root = new Uri("https://api.together.xyz/v1");
        using var deep = CreateSut().CreateRequest(ProbeKind.Deep, root, Key, "Qwen/Qwen2.5-7B-Instruct-Turbo")!;

        Assert.Equal(HttpMethod.Post, deep.Method);
        Assert.Equal("https://api.together.xyz/v1/chat/completions", deep.RequestUri!.AbsoluteUri);
        var json = await deep.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"Qwen/Qwen2.5-7B-Instruct-Turbo\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, root, Key, "x"));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Account, root, Key, null));
    }

    [Fact]
    public void Descriptor_ClaimsTgpKeysButNotBareHex()
    {
        Assert.Equal(KeyPlatform.Together, KeyShapes.Identify(Key).Platform);
        Assert.NotEqual(KeyPlatform.Together, KeyShapes.Identify(new string('a', 32) + new string('0', 32)).Platform);
        Assert.Equal(["TOGETHER_API_KEY"], CreateSut().Descriptor.KeyVariables);
        Assert.Equal("TOGETHER_BASE_URL", CreateSut().Descriptor.BaseUrlVariable);
    }

    [Fact]
    public void Classify_BareArrayModelList_PassesWithModelCount()
    {
        var verdict = Read("models-list-ok");

        Assert.Equal(VerdictCodes.Ok, verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, verdict.Stage);
        Assert.True(verdict.Evidence["model_count"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public void Classify_BareArrayCutByTheReadLimit_StillPasses()
    {
        var full = ProviderFixture.Load("together", "models-list-ok").Body;
        var cut = full[..(full.Length * 2 / 3)];

        var findings = CreateSut().Read(new ProbeResponse(200, new Dictionary<string, string> { ["content-type"] = "application/json" }, cut, true, TimeSpan.Zero),
            ProbeTestKit.Context(ProviderId.Together));

        var verdict = ProbeTestKit.Verdict(findings);
        Assert.Equal(VerdictCodes.Ok, verdict.Code);
        Assert.True(verdict.Evidence["body_truncated"]!.GetValue<bool>());
    }

    [Fact]
    public void Classify_CutArrayNotMarkedTruncated_IsUnexpected()
    {
        var full = ProviderFixture.Load("together", "models-list-ok").Body;

        var verdict = Read(200, full[..(full.Length / 2)], ProbeKind.Auth);

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }

    [Fact]
    public void Classify_CreditLimit402_IsQuotaExhaustedWithTheRequestIdFromTheBody()
    {
        var verdict = Read("credit-limit-402");

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Equal("credit_limit", verdict.Evidence["error_type"]!.GetValue<string>());
        Assert.Equal("o3LiXw4-62bZhn-96040daf687810ab", verdict.Evidence["request_id"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_CreditLimitTypeOn429_IsARateLimitPerMinute()
    {
        var verdict = Read("rate-limit-credit-limit-type");

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.Equal("per minute", verdict.Evidence["limit_window"]!.GetValue<string>());
        Assert.Contains("credit is not the issue", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("non-serverless-model-400", "dedicated endpoint")]
    [InlineData("dedicated-endpoint-not-running-400", "stopped")]
    public void Classify_DeepOnAModelWithoutServerless_IsNoAccessNeverTheKey(string name, string word)
    {
        var verdict = Read(name);

        Assert.Equal(VerdictCodes.ModelNoAccess, verdict.Code);
        Assert.Contains(word, verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("the key is fine", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UnknownModel404_IsNotFound()
    {
        var verdict = Read("model-not-available-404");

        Assert.Equal(VerdictCodes.ModelNotFound, verdict.Code);
        Assert.Equal("model_not_available", verdict.Evidence["error_code"]!.GetValue<string>());
    }

    [Fact]
    public void Classify_Other400OfTheDeepCheck_IsRequestInvalidNotTheKey()
    {
        var verdict = Read(400, """{"id":"abc","error":{"message":"max_tokens must be at least 1","type":"invalid_request_error","param":"max_tokens","code":null}}""");

        Assert.Equal(VerdictCodes.RequestInvalid, verdict.Code);
    }

    [Fact]
    public void Classify_PlainTextOverloaded503_IsOverloadedWithTheText()
    {
        var verdict = Read("overloaded-503");

        Assert.Equal(VerdictCodes.ProviderOverloaded, verdict.Code);
        Assert.Contains("overloaded", verdict.Evidence["body_excerpt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    // Empty, array-wrapped and HTML answers of every provider: ProviderContractTests.
    [InlineData(200, "[1,2]")]
    [InlineData(200, "[{\"id\":\"a\"}")]
    public void Classify_OddSuccessOrHtml_IsUnexpected(int status, string body)
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.Together)));

        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
    }
}
