using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>OpenRouter through the real CLI against a fake that reads the key where OpenRouter does and answers its real bodies.</summary>
public sealed class OpenRouterEndToEndTests
{
    private static async Task<(CliResult Result, JsonElement Report)> RunAsync(FakeProviderServer server, string key, params string[] extra)
    {
        var result = await CliHarness.RunAsync(
            ["diagnose", "openrouter", "--json", .. extra],
            new Dictionary<string, string> { ["OPENROUTER_API_KEY"] = key, ["OPENROUTER_BASE_URL"] = server.BaseUrl + "api/v1" });
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_IsOkWithTheKeysCreditsAsEvidence()
    {
        var key = TestKeys.For("openrouter");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenRouter(key);

        var (result, report) = await RunAsync(server, key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        var account = report.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("evidence").TryGetProperty("key_limit_remaining_usd", out _));
        Assert.Equal(4.8984355238m, account.GetProperty("evidence").GetProperty("key_limit_remaining_usd").GetDecimal());
        Assert.Equal("openrouter", account.GetProperty("evidence").GetProperty("gateway").GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_IsInvalidKeyWithoutTheKey()
    {
        var key = TestKeys.For("openrouter");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenRouter(TestKeys.For("openrouter"));

        var (result, report) = await RunAsync(server, key);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        Assert.Contains("User not found.", result.Out, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_DeepWithAWrappedUpstreamRefusal_IsGatewayUpstreamErrorNamingBoth()
    {
        var key = TestKeys.For("openrouter");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenRouter(key);
        server.On("POST", "/api/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("openrouter", "upstream-openai-region-refused-403")));

        var (result, report) = await RunAsync(server, key, "--deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("gateway.upstream_error", report.GetProperty("verdict").GetString());
        var deep = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "gateway.upstream_error");
        Assert.Equal("region.unsupported", deep.GetProperty("evidence").GetProperty("upstream_code").GetString());
        Assert.Contains("OpenRouter accepted your key; the upstream provider (OpenAI) refused your region", deep.GetProperty("detail").GetString(), StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, key);
    }
}
