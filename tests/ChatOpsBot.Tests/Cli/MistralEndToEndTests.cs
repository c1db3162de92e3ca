using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Mistral through the whole CLI against a fake that checks the key as Mistral does and replays its recorded answers.</summary>
public sealed class MistralEndToEndTests
{
    private const string Key = "Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A";

    private static async Task<(CliResult Result, JsonElement Report)> DiagnoseAsync(FakeProviderServer server, string key, params string[] extra)
    {
        var env = new Dictionary<string, string> { ["MISTRAL_API_KEY"] = key, ["MISTRAL_BASE_URL"] = server.BaseUrl + "v1" };
        var result = await CliHarness.RunAsync(["diagnose", "mistral", "--json", .. extra], env);
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Fact]
    public async Task Diagnose_ValidKey_IsOkAndTheKeyOnlyTravelsInTheHeader()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsMistral(Key);

        var (result, report) = await DiagnoseAsync(server, Key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        Assert.Contains(server.Requests, r => r.Path == "/v1/models" && r.Header("Authorization") == "Bearer " + Key);
        Assert.All(server.Requests, r => Assert.DoesNotContain(Key, r.Path + r.Query, StringComparison.Ordinal));
        LeakAssert.NoSecret(result.All, Key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_IsInvalidKeyWithoutTheKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsMistral(Key);
        var other = "Ab1" + Key[3..];

        var (result, report) = await DiagnoseAsync(server, other);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, other);
    }

    [Fact]
    public async Task Diagnose_DeepOnTierCapacity429_IsOverloadedWithoutTheKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsMistral(Key);
        server.On("POST", "/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("mistral", "service-tier-capacity-exceeded")));

        var (result, report) = await DiagnoseAsync(server, Key, "--deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("provider.overloaded", report.GetProperty("verdict").GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, Key);
    }
}
