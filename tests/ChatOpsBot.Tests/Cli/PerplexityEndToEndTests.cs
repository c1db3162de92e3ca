using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Perplexity through the whole CLI against a fake that checks the key as Perplexity does and replays its recorded answers.</summary>
public sealed class PerplexityEndToEndTests
{
    private static async Task<(CliResult Result, JsonElement Report)> DiagnoseAsync(FakeProviderServer server, string key, params string[] extra)
    {
        var env = new Dictionary<string, string> { ["PERPLEXITY_API_KEY"] = key, ["PERPLEXITY_BASE_URL"] = server.BaseUrl.ToString() };
        var result = await CliHarness.RunAsync(["diagnose", "perplexity", "--json", .. extra], env);
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_IsOkAndTheKeyOnlyTravelsInTheHeader()
    {
        var key = TestKeys.For("perplexity");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsPerplexity(key);

        var (result, report) = await DiagnoseAsync(server, key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        Assert.Contains(server.Requests, r => r.Path == "/router/v1/models" && r.Header("Authorization") == "Bearer " + key);
        Assert.All(server.Requests, r => Assert.DoesNotContain(key, r.Path + r.Query, StringComparison.Ordinal));
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_RefusedKey_IsInvalidKeyNamingTheZeroBalanceWithoutTheKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsPerplexity(TestKeys.For("perplexity"));
        var other = TestKeys.For("perplexity");

        var (result, report) = await DiagnoseAsync(server, other);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        Assert.Contains("balance is zero", result.Out, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, other);
    }

    [Fact]
    public async Task Diagnose_DeepOnARetiredModel_IsModelNotFoundWithoutTheKey()
    {
        var key = TestKeys.For("perplexity");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsPerplexity(key);
        server.On("POST", "/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("perplexity", "invalid-model-retired")));

        var (result, report) = await DiagnoseAsync(server, key, "--deep", "--model", "pplx-7b-chat");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("model.not_found", report.GetProperty("verdict").GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }
}
