using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Groq through the whole CLI against a fake that checks the key as Groq does and replays its recorded answers.</summary>
public sealed class GroqEndToEndTests
{
    private static async Task<(CliResult Result, JsonElement Report)> DiagnoseAsync(FakeProviderServer server, string key, params string[] extra)
    {
        // GROQ_BASE_URL as Groq's SDKs take it: the server root; the probe appends /openai/v1.
        var env = new Dictionary<string, string> { ["GROQ_API_KEY"] = key, ["GROQ_BASE_URL"] = server.BaseUrl.ToString() };
        var result = await CliHarness.RunAsync(["diagnose", "groq", "--json", .. extra], env);
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_IsOkAndTheKeyOnlyTravelsInTheHeader()
    {
        var key = TestKeys.For("groq");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsGroq(key);

        var (result, report) = await DiagnoseAsync(server, key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        Assert.Contains(server.Requests, r => r.Path == "/openai/v1/models" && r.Header("Authorization") == "Bearer " + key);
        Assert.All(server.Requests, r => Assert.DoesNotContain(key, r.Path + r.Query, StringComparison.Ordinal));
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_IsInvalidKeyWithoutTheKey()
    {
        var key = TestKeys.For("groq");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsGroq(TestKeys.For("groq"));

        var (result, report) = await DiagnoseAsync(server, key);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_DeepOnDailyTokenLimit_IsRateLimitedPerDayWithoutTheKey()
    {
        var key = TestKeys.For("groq");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsGroq(key);
        server.On("POST", "/openai/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("groq", "rate-limit-tpd-429")));

        var (result, report) = await DiagnoseAsync(server, key, "--deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("rate.limited", report.GetProperty("verdict").GetString());
        Assert.Contains("per day", result.Out, StringComparison.Ordinal);
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }
}
