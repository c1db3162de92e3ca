using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Cli;

/// <summary><c>chatopsbot chat</c> through the real entry point, typed on standard input, against fake providers.</summary>
public sealed class ChatReplTests : IAsyncLifetime
{
    private readonly string _geminiKey = TestKeys.Gemini();
    private readonly string _teamKey = TestKeys.Anthropic();
    private FakeProviderServer _gemini = null!;
    private FakeProviderServer _anthropic = null!;

    public async ValueTask InitializeAsync()
    {
        _gemini = (await FakeProviderServer.StartAsync()).AsGemini(_geminiKey);
        _anthropic = (await FakeProviderServer.StartAsync()).AsAnthropic(_teamKey);
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_gemini.Unexpected);
        Assert.Empty(_anthropic.Unexpected);
        await _gemini.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    private Dictionary<string, string> Env => new()
    {
        ["GEMINI_BASE_URL"] = _gemini.BaseUrl.ToString(),
        ["ANTHROPIC_BASE_URL"] = _anthropic.BaseUrl.ToString(),
        ["TEAM_CLAUDE_KEY"] = _teamKey,
    };

    private static void TeamKeys(IServiceCollection services) => services.Configure<TeamKeysOptions>(o =>
        o.TeamKeys = [new TeamKeySettings { Name = "prod", Provider = "claude", KeyEnv = "TEAM_CLAUDE_KEY" }]);

    [Fact]
    public async Task Status_and_alerts_in_the_terminal_say_the_monitor_runs_in_the_worker()
    {
        var result = await CliHarness.RunAsync(["chat"], Env, configure: TeamKeys, stdin: "status\nalerts list\nexit\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The monitor does not run here: it runs in the worker", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 team key is configured: prod", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Monitoring is off", result.Out, StringComparison.Ordinal); // not "no targets": it may well have some
        LeakAssert.NoSecret(result.All, _teamKey);
    }

    [Fact]
    public async Task A_pasted_key_is_diagnosed_with_live_stages_and_its_code_then_exit()
    {
        var wrong = TestKeys.Gemini();

        var result = await CliHarness.RunAsync(["chat"], Env, stdin: $"help\ngemini {wrong}\n{_geminiKey}\nexit\nstatus\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/diagnose <openai|anthropic|gemini|all>", result.Out, StringComparison.Ordinal);
        Assert.Contains("Diagnosing gemini (AIza…", result.Out, StringComparison.Ordinal);
        Assert.Contains("❌ gemini: Key check", result.Out, StringComparison.Ordinal);
        Assert.Contains("(code: auth.invalid_key)", result.Out, StringComparison.Ordinal);
        Assert.Contains("(code: ok)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("The monitor does not run here", result.Out, StringComparison.Ordinal); // nothing after exit (the status typed after it)
        LeakAssert.NoSecret(result.All, wrong, _geminiKey, _teamKey);
    }

    [Fact]
    public async Task The_operator_uses_team_keys_and_presses_details_by_typing_it()
    {
        var result = await CliHarness.RunAsync(["chat"], Env, stdin: "keys\ndiagnose claude\ndetails\nquit\n", configure: TeamKeys);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("prod — anthropic — sk-ant-api03-…" + _teamKey[^4..], result.Out, StringComparison.Ordinal);
        Assert.Contains("Anthropic — The key works (code: ok)  key prod (sk-ant-api03-…" + _teamKey[^4..] + ")", result.Out, StringComparison.Ordinal);
        Assert.Contains("Details of the diagnosis:", result.Out, StringComparison.Ordinal);
        Assert.Single(_anthropic.Requests);
        LeakAssert.NoSecret(result.All, _teamKey);
    }

    [Fact]
    public async Task End_of_input_ends_the_session()
    {
        var result = await CliHarness.RunAsync(["chat"], Env, stdin: "/frobnicate\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("I do not know the command \"/frobnicate\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_team_key_setting_stops_the_session_naming_it()
    {
        var result = await CliHarness.RunAsync(["chat"], Env, stdin: "help\n", configure: s => s.Configure<TeamKeysOptions>(o =>
            o.TeamKeys = [new TeamKeySettings { Name = "prod", Provider = "nosuchai", KeyEnv = "X" }]));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("configuration error: TeamKeys:0:Provider is not a provider", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_cut_short_is_called_malformed_not_answered_with_help()
    {
        var result = await CliHarness.RunAsync(["chat"], Env, stdin: "sk-ant-api03-abc\nexit\n");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Out.Contains("(code: key.malformed)", StringComparison.Ordinal), result.Out);
        Assert.Contains("Anthropic", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Send me a command", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    [InlineData("QUIT")]
    public async Task Slash_quit_leaves_as_exit_and_quit_do(string word)
    {
        var result = await CliHarness.RunAsync(["chat"], Env, stdin: $"{word}\nstatus\n");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("I do not know the command", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("The monitor does not run here", result.Out, StringComparison.Ordinal); // nothing after it
    }

    [Fact]
    public async Task Usage_lists_the_chat_verb()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        Assert.Contains("chatopsbot chat", result.Out, StringComparison.Ordinal);
    }
}
