using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>The diagnose command through the real entry point, against fake providers on loopback.</summary>
public sealed class DiagnoseCliTests : IAsyncLifetime
{
    private readonly string _openAIKey = TestKeys.OpenAIProject();
    private readonly string _anthropicKey = TestKeys.Anthropic();
    private readonly string _geminiKey = TestKeys.Gemini();
    private FakeProviderServer _openai = null!;
    private FakeProviderServer _anthropic = null!;
    private FakeProviderServer _gemini = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync()).AsOpenAI(_openAIKey);
        _anthropic = (await FakeProviderServer.StartAsync()).AsAnthropic(_anthropicKey);
        _gemini = (await FakeProviderServer.StartAsync()).AsGemini(_geminiKey);
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_openai.Unexpected);
        Assert.Empty(_anthropic.Unexpected);
        Assert.Empty(_gemini.Unexpected);
        await _openai.DisposeAsync();
        await _anthropic.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    private Dictionary<string, string> Env(string? openai = null, string? anthropic = null, string? gemini = null)
    {
        var env = new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = _openai.BaseUrl.ToString(),
            ["ANTHROPIC_BASE_URL"] = _anthropic.BaseUrl.ToString(),
            ["GEMINI_BASE_URL"] = _gemini.BaseUrl.ToString(),
        };
        if (openai is not null)
        {
            env["OPENAI_API_KEY"] = openai;
        }

        if (anthropic is not null)
        {
            env["ANTHROPIC_API_KEY"] = anthropic;
        }

        if (gemini is not null)
        {
            env["GEMINI_API_KEY"] = gemini;
        }

        return env;
    }

    [Fact]
    public async Task DiagnoseAll_ValidKeys_JsonMatchesContractAndExitsZero()
    {
        var result = await CliHarness.RunAsync(["diagnose", "all", "--json"], Env(_openAIKey, _anthropicKey, _geminiKey));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var providers = json.RootElement.GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal(["openai", "anthropic", "gemini"], providers.Select(p => p.GetProperty("provider").GetString()));
        foreach (var p in providers)
        {
            Assert.Equal("ok", p.GetProperty("verdict").GetString());
            Assert.Equal("ok", p.GetProperty("severity").GetString());
            Assert.Contains("…", p.GetProperty("key").GetString());
            Assert.True(p.GetProperty("elapsed_ms").GetInt64() >= 0);
            var finding = p.GetProperty("findings").EnumerateArray().First();
            foreach (var field in new[] { "code", "severity", "stage", "title", "detail", "next_steps", "evidence" })
            {
                Assert.True(finding.TryGetProperty(field, out _), $"finding lacks {field}");
            }
        }

        LeakAssert.NoSecret(result.All, _openAIKey, _anthropicKey, _geminiKey);
    }

    [Fact]
    public async Task DiagnoseAll_WrongKeys_InvalidKeyVerdictsExitOneNoLeak()
    {
        var wrong = (O: TestKeys.OpenAIProject(), A: TestKeys.Anthropic(), G: TestKeys.Gemini());

        var result = await CliHarness.RunAsync(["diagnose", "all", "--json"], Env(wrong.O, wrong.A, wrong.G));

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.All(json.RootElement.GetProperty("providers").EnumerateArray(),
            p => Assert.Equal("auth.invalid_key", p.GetProperty("verdict").GetString()));
        LeakAssert.NoSecret(result.All, wrong.O, wrong.A, wrong.G);
    }

    [Fact]
    public async Task DiagnoseAll_NoKeys_KeyMissingNamesTheVariable()
    {
        var result = await CliHarness.RunAsync(["diagnose", "all"], Env());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("code: key.missing", result.Out);
        Assert.Contains("OPENAI_API_KEY", result.Out);
        Assert.Contains("ANTHROPIC_API_KEY", result.Out);
        Assert.Contains("GEMINI_API_KEY", result.Out);
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task Diagnose_TextOutput_ShowsCodeAndNextStepsWithoutColorWhenPiped()
    {
        var result = await CliHarness.RunAsync(["diagnose", "openai"], Env(openai: TestKeys.OpenAIProject()));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("code: auth.invalid_key", result.Out);
        Assert.Contains("next steps:", result.Out);
        Assert.Contains("https://platform.openai.com/api-keys", result.Out);
        Assert.DoesNotContain("\u001b[", result.Out);
    }

    [Fact]
    public async Task Diagnose_Terminal_ColorsUnlessNoColor()
    {
        var env = Env(openai: _openAIKey);
        var colored = await CliHarness.RunAsync(["diagnose", "openai"], env, terminal: true);
        env["NO_COLOR"] = "1";
        var plain = await CliHarness.RunAsync(["diagnose", "openai"], env, terminal: true);

        Assert.Contains("\u001b[", colored.Out);
        Assert.DoesNotContain("\u001b[", plain.Out);
    }

    [Theory]
    [InlineData("chatgpt")]
    [InlineData("OpenAI")]
    [InlineData(" gpt ")]
    public async Task Diagnose_Aliases_Accepted(string name)
    {
        var result = await CliHarness.RunAsync(["diagnose", name, "--json"], Env(openai: _openAIKey));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"provider\": \"openai\"", result.Out);
    }

    [Fact]
    public async Task Diagnose_UnknownProvider_UsageListsProvidersAndAliasesExitTwo()
    {
        var result = await CliHarness.RunAsync(["diagnose", "frobnicate-ai"], Env());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown provider", result.Error);
        Assert.Contains("openai (alias chatgpt), anthropic (alias claude), gemini (alias google), ", result.Error);
        Assert.Contains(", all", result.Error);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("--base-url", "not a url")]
    [InlineData("--base-url", "ftp://example.com")]
    [InlineData("--base-url", "api.openai.com")]
    [InlineData("--timeout", "-3")]
    [InlineData("--timeout", "soon")]
    [InlineData("--frobnicate", "1")]
    public async Task Diagnose_BadOptions_ClearErrorExitTwo(string option, string value)
    {
        var result = await CliHarness.RunAsync(["diagnose", "openai", option, value], Env());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("chatopsbot: ", result.Error);
    }

    [Fact]
    public async Task Diagnose_BadBaseUrlEnvironmentVariable_NamesTheVariableExitTwo()
    {
        var env = Env(openai: _openAIKey);
        env["OPENAI_BASE_URL"] = "localhost:4000";

        var result = await CliHarness.RunAsync(["diagnose", "openai"], env);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OPENAI_BASE_URL", result.Error);
    }

    [Fact]
    public async Task Diagnose_KeyOnCommandLine_RefusedWithoutEchoingIt()
    {
        var key = TestKeys.OpenAIProject();

        var result = await CliHarness.RunAsync(["diagnose", "openai", key], Env());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("never put a key on the command line", result.Error);
        LeakAssert.NoSecret(result.All, key);
    }

    [Fact]
    public async Task Diagnose_KeyFromStdinWithEchoNewline_IsNotAWhitespaceProblem()
    {
        var result = await CliHarness.RunAsync(["diagnose", "anthropic", "--key-stdin", "--json"], Env(), stdin: _anthropicKey + "\n");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("key.whitespace", result.Out);
    }

    [Fact]
    public async Task Diagnose_SameNewlineInEnvironmentVariable_IsWhitespaceVerdict()
    {
        var result = await CliHarness.RunAsync(["diagnose", "anthropic", "--json"], Env(anthropic: _anthropicKey + "\n"));

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("key.whitespace", json.RootElement.GetProperty("providers")[0].GetProperty("verdict").GetString());
        LeakAssert.NoSecret(result.All, _anthropicKey);
    }

    [Fact]
    public async Task Diagnose_KeyEnv_ReadsThatVariable()
    {
        var env = Env();
        env["MY_GEMINI"] = _geminiKey;

        var result = await CliHarness.RunAsync(["diagnose", "google", "--key-env", "MY_GEMINI", "--json"], env);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(_geminiKey, _gemini.Requests.Single().Header("x-goog-api-key"));
        Assert.DoesNotContain("key=", _gemini.Requests.Single().Query);
    }

    [Fact]
    public async Task Diagnose_BaseUrlWithV1_ProbesModelsUnderIt()
    {
        var env = Env(openai: _openAIKey);
        env.Remove("OPENAI_BASE_URL");

        var result = await CliHarness.RunAsync(["diagnose", "openai", "--base-url", new Uri(_openai.BaseUrl, "v1").ToString()], env);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/v1/models", _openai.Requests.Single().Path);
    }

    [Fact]
    public async Task DiagnoseAll_WithProviderOnlyOptions_UsageErrorExitTwo()
    {
        var result = await CliHarness.RunAsync(["diagnose", "all", "--model", "gpt-4o"], Env());

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Help_PrintsUsageExitZero()
    {
        var result = await CliHarness.RunAsync(["diagnose", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--key-stdin", result.Out);
    }
}
