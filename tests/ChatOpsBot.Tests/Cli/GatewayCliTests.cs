using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary><c>diagnose openai-compatible</c> and gateways through the real entry point, against a LiteLLM-like fake on loopback.</summary>
public sealed class GatewayCliTests
{
    private static JsonElement Report(CliResult result)
    {
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.GetProperty("providers")[0].Clone();
    }

    private static JsonElement Decisive(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == report.GetProperty("verdict").GetString());

    [Fact]
    public async Task OpenAICompatible_WithoutBaseUrl_SaysItIsRequired()
    {
        var key = TestKeys.FromShape("openai-compatible");

        var result = await CliHarness.RunAsync(["diagnose", "openai-compatible", "--json"], new Dictionary<string, string> { ["OPENAI_COMPATIBLE_API_KEY"] = key });

        Assert.Equal(1, result.ExitCode);
        var report = Report(result);
        Assert.Equal("request.invalid", report.GetProperty("verdict").GetString());
        Assert.Contains("OPENAI_COMPATIBLE_BASE_URL", Decisive(report).GetProperty("detail").GetString(), StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task OpenAICompatible_BaseUrlFromItsVariable_RecognisesLiteLLM()
    {
        var key = TestKeys.FromShape("openai-compatible");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsLiteLLM(key);

        var result = await CliHarness.RunAsync(["diagnose", "openai-compatible", "--json"], new Dictionary<string, string>
        {
            ["OPENAI_COMPATIBLE_API_KEY"] = key,
            ["OPENAI_COMPATIBLE_BASE_URL"] = server.BaseUrl + "v1",
        });

        Assert.Equal(0, result.ExitCode);
        var report = Report(result);
        Assert.Equal("ok", report.GetProperty("verdict").GetString());
        var ok = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("stage").GetString() == "auth");
        Assert.Equal("litellm", ok.GetProperty("evidence").GetProperty("gateway").GetString());
        Assert.Contains("--deep", ok.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Unexpected);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task OpenAIThroughLiteLLM_WrongVirtualKey_IsTheUsersInvalidKeyWithTheGatewayNamed()
    {
        var key = TestKeys.OpenAIProject();
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsLiteLLM("sk-other-virtual-key-0000");

        var result = await CliHarness.RunAsync(["diagnose", "openai", "--json", "--base-url", server.BaseUrl.ToString()],
            new Dictionary<string, string> { ["OPENAI_API_KEY"] = key });

        Assert.Equal(1, result.ExitCode);
        var report = Report(result);
        Assert.Equal("auth.invalid_key", report.GetProperty("verdict").GetString());
        Assert.Equal("litellm", Decisive(report).GetProperty("evidence").GetProperty("gateway").GetString());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task LiteLLMExpiredKey_EchoedWholeInParam_NeverLeaksThroughTheCli()
    {
        var key = TestKeys.FromShape("openai-compatible");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsLiteLLM(key);
        var body = JsonSerializer.Serialize(new
        {
            error = new
            {
                message = "Authentication Error - Expired Key. Key Expiry time 2025-01-01 00:00:00+00:00 and current time 2025-01-06 12:00:00+00:00",
                type = "expired_key",
                param = key, // LiteLLM issue #18731: the whole key echoed
                code = "400",
            },
        });
        server.On("POST", "/v1/chat/completions", FakeResponse.Json(400, body));

        var result = await CliHarness.RunAsync(["diagnose", "openai-compatible", "--json", "--deep", "--base-url", server.BaseUrl.ToString()],
            new Dictionary<string, string> { ["OPENAI_COMPATIBLE_API_KEY"] = key });

        Assert.Equal("auth.invalid_key", Report(result).GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task LiteLLMUpstreamRejectsItsOwnKey_IsTheOperatorsWithTheUpstreamCode()
    {
        var key = TestKeys.FromShape("openai-compatible");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsLiteLLM(key);
        server.On("POST", "/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("openai-compatible", "litellm-upstream-openai-invalid-key")));

        var result = await CliHarness.RunAsync(["diagnose", "openai-compatible", "--json", "--deep", "--base-url", server.BaseUrl.ToString()],
            new Dictionary<string, string> { ["OPENAI_COMPATIBLE_API_KEY"] = key });

        Assert.Equal(1, result.ExitCode);
        var report = Report(result);
        Assert.Equal("gateway.upstream_error", report.GetProperty("verdict").GetString());
        var finding = Decisive(report);
        Assert.Equal("auth.invalid_key", finding.GetProperty("evidence").GetProperty("upstream_code").GetString());
        Assert.Equal("litellm", finding.GetProperty("evidence").GetProperty("gateway").GetString());
        Assert.StartsWith("LiteLLM accepted your key; its upstream (OpenAI) rejected the gateway's own key", finding.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(finding.GetProperty("next_steps").EnumerateArray());
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task DiagnoseAll_OpenAICompatibleJoinsOnlyWithItsBaseUrl()
    {
        var key = TestKeys.FromShape("openai-compatible");
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsLiteLLM(key);

        var without = await CliHarness.RunAsync(["diagnose", "all", "--json"], new Dictionary<string, string> { ["OPENAI_COMPATIBLE_API_KEY"] = key });
        var with = await CliHarness.RunAsync(["diagnose", "all", "--json"], new Dictionary<string, string>
        {
            ["OPENAI_COMPATIBLE_API_KEY"] = key,
            ["OPENAI_COMPATIBLE_BASE_URL"] = server.BaseUrl.ToString(),
        });

        static IEnumerable<string?> Names(CliResult r)
        {
            using var json = JsonDocument.Parse(r.Out);
            return [.. json.RootElement.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("provider").GetString())];
        }

        Assert.DoesNotContain("openai-compatible", Names(without));
        Assert.Contains("openai-compatible", Names(with));
        LeakAssert.NoSecret(with.All, key);
    }
}
