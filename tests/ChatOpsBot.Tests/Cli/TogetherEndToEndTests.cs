using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Together through the whole CLI against a fake that checks the key as Together does and replays its recorded answers.</summary>
public sealed class TogetherEndToEndTests
{
    private static async Task<(CliResult Result, JsonElement Report)> DiagnoseAsync(FakeProviderServer server, string key, params string[] extra)
    {
        var env = new Dictionary<string, string> { ["TOGETHER_API_KEY"] = key, ["TOGETHER_BASE_URL"] = server.BaseUrl + "v1" };
        var result = await CliHarness.RunAsync(["diagnose", "together", "--json", .. extra], env);
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_ReadsTheBareArrayListAsOk()
    {
        var key = TestKeys.For("together");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsTogether(key);

        var (result, report) = await DiagnoseAsync(server, key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        Assert.Contains(server.Requests, r => r.Path == "/v1/models" && r.Header("Authorization") == "Bearer " + key);
        Assert.All(server.Requests, r => Assert.DoesNotContain(key, r.Path + r.Query, StringComparison.Ordinal));
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_IsInvalidKeyWithoutTheKey()
    {
        var key = TestKeys.For("together");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsTogether(TestKeys.For("together"));

        var (result, report) = await DiagnoseAsync(server, key);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_DeepOnANonServerlessModel_IsNoAccessNotAKeyProblem()
    {
        var key = TestKeys.For("together");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsTogether(key);
        server.On("POST", "/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("together", "non-serverless-model-400")));

        var (result, report) = await DiagnoseAsync(server, key, "--deep", "--model", "meta-llama/Llama-3-8b-chat-hf");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("model.no_access", report.GetProperty("verdict").GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }
}
