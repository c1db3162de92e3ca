using System.Diagnostics;
using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Tests.Cli;

/// <summary>The real executable in its own process, as a user or script runs it.</summary>
public sealed class ProcessEntryPointTests
{
    private static async Task<(int Exit, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string> env, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chatopsbot.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var name in new[] { "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "GEMINI_BASE_URL", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task DiagnoseAll_AsAProcess_JsonOnStdoutAndExitStatus()
    {
        var key = TestKeys.OpenAIProject();
        var anthropicKey = TestKeys.Anthropic();
        await using var openai = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(key);
        var env = new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = openai.BaseUrl.ToString(),
            ["OPENAI_API_KEY"] = key,
            ["ANTHROPIC_API_KEY"] = anthropicKey,
            ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9", // discard port: nothing listens
        };

        var (exit, output, error) = await RunAsync(env, null, "diagnose", "all", "--json", "--timeout", "10");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var verdicts = json.RootElement.GetProperty("providers").EnumerateArray()
            .ToDictionary(p => p.GetProperty("provider").GetString()!, p => p.GetProperty("verdict").GetString());
        // all: the providers whose key variable is set (docs/contract.md); Gemini's is not.
        Assert.Equal(["openai", "anthropic"], verdicts.Keys);
        Assert.Equal("ok", verdicts["openai"]);
        Assert.NotEqual("ok", verdicts["anthropic"]);
        LeakAssert.NoSecret(output + error, key, anthropicKey);
    }

    [Fact]
    public async Task Diagnose_KeyFromStdin_AsAProcess_ExitZero()
    {
        var key = TestKeys.Gemini();
        await using var gemini = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsGemini(key);

        var (exit, output, error) = await RunAsync(new Dictionary<string, string>(), key + "\n",
            "diagnose", "gemini", "--key-stdin", "--base-url", gemini.BaseUrl.ToString());

        Assert.Equal(0, exit);
        Assert.Contains("(code: ok)", output);
        Assert.DoesNotContain("\u001b[", output);
        LeakAssert.NoSecret(output + error, key);
    }

    [Fact]
    public async Task UnknownVerb_AsAProcess_UsageExitTwo()
    {
        var (exit, _, error) = await RunAsync(new Dictionary<string, string>(), null, "diagnoze");

        Assert.Equal(2, exit);
        Assert.Contains("chatopsbot diagnose", error);
    }
}
