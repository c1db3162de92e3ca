using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Providers.DeepSeek;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Providers.DeepSeek;

public class DeepSeekProviderTests
{
    private const string Key = "sk-0123456789abcdef0123456789abcdef";

    private static DeepSeekProvider CreateSut() => new();

    private static Finding Read(int status, string body, ProbeKind kind = ProbeKind.Deep) =>
        ProbeTestKit.Verdict(CreateSut().Read(ProbeTestKit.Response(status, body), ProbeTestKit.Context(ProviderId.DeepSeek, kind, "deepseek-chat")));

    [Fact]
    public void Fixtures_Folder_HasRecordedAnswers()
    {
        Assert.True(ProviderFixture.Names("deepseek").Count >= 10);
    }

    [Theory]
    [InlineData("https://api.deepseek.com", "https://api.deepseek.com/models")]
    [InlineData("https://api.deepseek.com/", "https://api.deepseek.com/models")]
    [InlineData("https://api.deepseek.com/v1", "https://api.deepseek.com/v1/models")]
    [InlineData("http://127.0.0.1:4000", "http://127.0.0.1:4000/models")]
    public void CreateRequest_Auth_AppendsToTheRootAsTheSdkDoes(string baseUrl, string expected)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Auth, new Uri(baseUrl), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void CreateRequest_Account_IsTheBalanceCheck_AndThereIsNoModelProbe()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Account, new Uri("https://api.deepseek.com"), Key, null)!;

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.deepseek.com/user/balance", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + Key, Assert.Single(request.Headers.GetValues("Authorization")));
        Assert.Null(CreateSut().CreateRequest(ProbeKind.Model, new Uri("https://api.deepseek.com"), Key, "deepseek-chat"));
    }

    [Theory]
    [InlineData("https://api.deepseek.com/v1", "https://api.deepseek.com/user/balance")]
    [InlineData("https://api.deepseek.com/v1/", "https://api.deepseek.com/user/balance")]
    [InlineData("https://gw.example/deepseek/v1", "https://gw.example/deepseek/user/balance")]
    public void CreateRequest_BaseEndingInV1_TheBalanceStaysAtTheRoot(string baseUrl, string balance)
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Account, new Uri(baseUrl), Key, null)!;

        Assert.Equal(balance, request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task CreateRequest_Deep_PostsOneTokenCompletion()
    {
        using var request = CreateSut().CreateRequest(ProbeKind.Deep, new Uri("https://api.deepseek.com"), Key, null)!;

        Assert.Equal("https://api.deepseek.com/chat/completions", request.RequestUri!.AbsoluteUri);
        var json = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"model\":\"deepseek-chat\"", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_BalanceOk_ReportsTheBalancesAsEvidence()
    {
        var finding = Assert.Single(CreateSut().Read(ProviderFixture.Load("deepseek", "balance-ok").ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.DeepSeek, ProbeKind.Account)));

        Assert.Equal(VerdictCodes.Ok, finding.Code);
        Assert.Equal(DiagnosticStage.Auth, finding.Stage);
        Assert.True(finding.Evidence["is_available"]!.GetValue<bool>());
        var balance = finding.Evidence["balances"]![0]!;
        Assert.Equal("CNY", balance["currency"]!.GetValue<string>());
        Assert.Equal("110.00", balance["total_balance"]!.GetValue<string>());
        Assert.Equal("10.00", balance["granted_balance"]!.GetValue<string>());
        Assert.Contains("110.00 CNY", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_BalanceNotAvailable_IsQuotaExhaustedBeforeAnyCall()
    {
        var verdict = Read(200, """{"is_available":false,"balance_infos":[{"currency":"USD","total_balance":"0.00","granted_balance":"0.00","topped_up_balance":"0.00"}]}""", ProbeKind.Account);

        Assert.Equal(VerdictCodes.QuotaExhausted, verdict.Code);
        Assert.Equal(DiagnosticStage.Auth, verdict.Stage);
        Assert.Contains("402", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("top_up", verdict.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_InvalidKey_DoesNotRepeatTheEchoedStars()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProviderFixture.Load("deepseek", "invalid-key-401").ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.DeepSeek, ProbeKind.Auth)));

        Assert.Equal(VerdictCodes.AuthInvalidKey, verdict.Code);
        Assert.DoesNotContain("****", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ConcurrencyLimitTiedToBalance_IsRateLimitedAndSaysTheBalanceIsLow()
    {
        var verdict = ProbeTestKit.Verdict(CreateSut().Read(ProviderFixture.Load("deepseek", "concurrency-limit-balance-429").ToProbeResponse(),
            ProbeTestKit.Context(ProviderId.DeepSeek, ProbeKind.Deep)));

        Assert.Equal(VerdictCodes.RateLimited, verdict.Code);
        Assert.True(verdict.Evidence["balance_low"]!.GetValue<bool>());
        Assert.Contains("concurrent", verdict.NextSteps[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(402, "", VerdictCodes.ProviderUnexpected)]
    [InlineData(503, "", VerdictCodes.ProviderOverloaded)]
    [InlineData(500, "{\"error\":{\"message\":\"Internal", VerdictCodes.ProviderServerError)]
    [InlineData(401, "<html><head><title>401</title></head></html>", VerdictCodes.ProviderUnexpected)]
    [InlineData(429, "[{\"error\":{\"code\":429}}]", VerdictCodes.RateLimited)]
    [InlineData(200, "\n\n\n", VerdictCodes.ProviderUnexpected)]
    public void Classify_OddInput_GivesUnexpectedOrTheStatusReading(int status, string body, string code)
    {
        Assert.Equal(code, Read(status, body).Code);
    }

    [Fact]
    public void KeyShape_WholeSkPlus32Hex_IsDeepSeeks_ButAnOpenAIKeyIsNot()
    {
        Assert.Equal(KeyPlatform.DeepSeek, KeyShapes.Identify(Key).Platform);
        Assert.NotEqual(KeyPlatform.DeepSeek, KeyShapes.Identify("sk-" + new string('a', 48)).Platform);
        Assert.NotEqual(KeyPlatform.DeepSeek, KeyShapes.Identify("sk-0123456789ABCDEF0123456789ABCDEF").Platform);
    }
}
