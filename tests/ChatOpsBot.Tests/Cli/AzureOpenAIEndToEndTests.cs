using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Azure OpenAI through the whole CLI against a fake resource that checks the key as Azure does and replays its recorded answers.</summary>
public sealed class AzureOpenAIEndToEndTests
{
    private const string Key = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static async Task<(CliResult Result, JsonElement Report)> DiagnoseAsync(Dictionary<string, string> env, params string[] extra)
    {
        var result = await CliHarness.RunAsync(["diagnose", "azure", "--json", .. extra], env);
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    private static Dictionary<string, string> Env(FakeProviderServer server, string key) =>
        new() { ["AZURE_OPENAI_API_KEY"] = key, ["AZURE_OPENAI_ENDPOINT"] = server.BaseUrl.ToString() };

    [Fact]
    public async Task Diagnose_ValidKey_IsOkAndTheKeyOnlyTravelsInApiKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsAzureOpenAI(Key);

        var (result, report) = await DiagnoseAsync(Env(server, Key));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("azure-openai", report.GetProperty("provider").GetString());
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        var probe = Assert.Single(server.Requests);
        Assert.Equal("?api-version=2024-10-21", probe.Query);
        Assert.Equal(Key, probe.Header("api-key"));
        Assert.Null(probe.Header("Authorization"));
        Assert.DoesNotContain(Key, probe.Path + probe.Query, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, Key);
    }

    [Fact]
    public async Task Diagnose_KeyOfAnotherResource_IsInvalidKeyWithoutTheKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsAzureOpenAI(Key);
        var other = "9" + Key[1..];

        var (result, report) = await DiagnoseAsync(Env(server, other));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, other);
    }

    [Fact]
    public async Task Diagnose_UnknownDeployment_IsModelNotFoundNamingTheDeployment()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsAzureOpenAI(Key);
        server.On("POST", "/openai/deployments/prod-gpt4o/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("azure-openai", "deployment-not-found")));

        var (result, report) = await DiagnoseAsync(Env(server, Key), "--model", "prod-gpt4o");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("model.not_found", report.GetProperty("verdict").GetString());
        Assert.Contains("deployment `prod-gpt4o`", result.Out, StringComparison.Ordinal);
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, Key);
    }

    [Fact]
    public async Task Diagnose_NoEndpoint_SaysToSetItWithAnExample()
    {
        var (result, report) = await DiagnoseAsync(new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = Key });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("request.invalid", report.GetProperty("verdict").GetString());
        Assert.Contains("AZURE_OPENAI_ENDPOINT", result.Out, StringComparison.Ordinal);
        Assert.Contains("--base-url", result.Out, StringComparison.Ordinal);
        Assert.Contains("https://<resource>.openai.azure.com", result.Out, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, Key);
    }

    [Fact]
    public async Task DiagnoseAll_AzureKeyWithoutEndpoint_IsReportedNotSkipped()
    {
        var result = await CliHarness.RunAsync(["diagnose", "all", "--json"], new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = Key });

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var report = Assert.Single(json.RootElement.GetProperty("providers").EnumerateArray());
        Assert.Equal("azure-openai", report.GetProperty("provider").GetString());
        Assert.Equal("request.invalid", report.GetProperty("verdict").GetString());
        Assert.Contains("AZURE_OPENAI_ENDPOINT", result.Out, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, Key);
    }
}
