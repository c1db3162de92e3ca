using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>xAI through the real CLI against a fake that reads the key where xAI does and answers its real bodies.</summary>
public sealed class XAIEndToEndTests
{
    private static async Task<(CliResult Result, JsonElement Report)> RunAsync(FakeProviderServer server, string key, string provider = "xai", params string[] extra)
    {
        var result = await CliHarness.RunAsync(
            ["diagnose", provider, "--json", .. extra],
            new Dictionary<string, string> { ["XAI_API_KEY"] = key, ["XAI_BASE_URL"] = server.BaseUrl + "v1" });
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_IsOkWithTheKeysAclsAsEvidence()
    {
        var key = TestKeys.For("xai");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsXAI(key);

        var (result, report) = await RunAsync(server, key, "grok");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("xai", report.GetProperty("provider").GetString());
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        var check = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("evidence").TryGetProperty("acls", out _));
        Assert.Equal("api-key:model:*", check.GetProperty("evidence").GetProperty("acls")[0].GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_Is400InvalidKeyWithoutTheKey()
    {
        var key = TestKeys.For("xai");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsXAI(TestKeys.For("xai"));

        var (result, report) = await RunAsync(server, key);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_DeepWithCreditsSpent_IsQuotaExhaustedNotRateLimited()
    {
        var key = TestKeys.For("xai");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsXAI(key);
        server.On("POST", "/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("xai", "credits-or-spending-limit-429")));

        var (result, report) = await RunAsync(server, key, "xai", "--deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("quota.exhausted", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }
}
