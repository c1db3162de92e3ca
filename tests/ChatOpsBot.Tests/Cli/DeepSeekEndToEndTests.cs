using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>DeepSeek through the real CLI against a fake that reads the key where DeepSeek does and answers its real bodies.</summary>
public sealed class DeepSeekEndToEndTests
{
    private static async Task<(CliResult Result, JsonElement Report)> RunAsync(FakeProviderServer server, string key, params string[] extra)
    {
        var result = await CliHarness.RunAsync(
            ["diagnose", "deepseek", "--json", .. extra],
            new Dictionary<string, string> { ["DEEPSEEK_API_KEY"] = key, ["DEEPSEEK_BASE_URL"] = server.BaseUrl.ToString() });
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_IsOkWithTheBalanceAsEvidence()
    {
        var key = TestKeys.For("deepseek");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsDeepSeek(key);

        var (result, report) = await RunAsync(server, key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        var balance = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("evidence").TryGetProperty("balances", out _));
        Assert.Equal("110.00", balance.GetProperty("evidence").GetProperty("balances")[0].GetProperty("total_balance").GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_IsInvalidKeyWithoutTheKey()
    {
        var key = TestKeys.For("deepseek");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsDeepSeek(TestKeys.For("deepseek"));

        var (result, report) = await RunAsync(server, key);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_DeepWithNoBalance_IsQuotaExhausted()
    {
        var key = TestKeys.For("deepseek");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsDeepSeek(key);
        server.On("POST", "/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("deepseek", "insufficient-balance-402")));

        var (result, report) = await RunAsync(server, key, "--deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("quota.exhausted", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }
}
