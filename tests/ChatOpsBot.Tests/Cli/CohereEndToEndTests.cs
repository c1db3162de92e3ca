using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Cohere through the whole CLI against a fake that checks the key as Cohere does and replays its recorded answers.</summary>
public sealed class CohereEndToEndTests
{
    private const string Key = "Qm7Rt2Vx9Lp4Zk8Nw3Bd6Hf1Jc5Gs0Ty2Ua7Ee9";

    private static async Task<(CliResult Result, JsonElement Report)> DiagnoseAsync(FakeProviderServer server, string variable, string key, params string[] extra)
    {
        var env = new Dictionary<string, string> { [variable] = key, ["COHERE_BASE_URL"] = server.BaseUrl.ToString() };
        var result = await CliHarness.RunAsync(["diagnose", "cohere", "--json", .. extra], env);
        using var json = JsonDocument.Parse(result.Out);
        return (result, json.RootElement.GetProperty("providers")[0].Clone());
    }

    [Theory]
    [InlineData("COHERE_API_KEY")]
    [InlineData("CO_API_KEY")]
    public async Task Diagnose_ValidKey_IsOkWithTheKeyChecksOrganization(string variable)
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsCohere(Key);

        var (result, report) = await DiagnoseAsync(server, variable, Key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        Assert.Contains(server.Requests, r => r.Method == "POST" && r.Path == "/v1/check-api-key" && r.Header("Authorization") == "Bearer " + Key);
        Assert.Contains(report.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("evidence").TryGetProperty("organization_id", out _));
        Assert.All(server.Requests, r => Assert.DoesNotContain(Key, r.Path + r.Query, StringComparison.Ordinal));
        LeakAssert.NoSecret(result.All, Key);
    }

    [Fact]
    public async Task Diagnose_UnknownKey_IsInvalidKeyWithoutTheKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsCohere(Key);
        var other = "Xy" + Key[2..];

        var (result, report) = await DiagnoseAsync(server, "COHERE_API_KEY", other);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, other);
    }

    [Fact]
    public async Task Diagnose_DeepOnASpentTrial_IsQuotaExhaustedWithoutTheKey()
    {
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsCohere(Key);
        server.On("POST", "/v2/chat", FakeResponse.FromFixture(ProviderFixture.Load("cohere", "trial-key-monthly-limit")));

        var (result, report) = await DiagnoseAsync(server, "COHERE_API_KEY", Key, "--deep");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("quota.exhausted", report.GetProperty("verdict").GetString());
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, Key);
    }
}
