namespace ChatOpsBot.Tests.Cli;

/// <summary>Every odd argument is a usage error (exit 2) with the usage text, never an exception.</summary>
public sealed class DiagnoseArgumentsTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("-0")]
    [InlineData("0")]
    [InlineData("1e400")]
    [InlineData("1e-300")]
    [InlineData("0.09")]
    [InlineData("600.0001")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("15s")]
    public async Task Diagnose_TimeoutNotAUsableNumber_UsageErrorExitTwo(string value)
    {
        // "--timeout=" with nothing after '=' is "--timeout" without a value (System.CommandLine drops an empty inline value)
        string[][] lines = value.Length > 0 ? [["--timeout=" + value], ["--timeout", value]] : [["--timeout", value]];
        foreach (var words in lines)
        {
            var result = await CliHarness.RunAsync(["diagnose", "openai", .. words, "--json"]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("chatopsbot: --timeout takes a number of seconds", result.Error, StringComparison.Ordinal);
            Assert.Empty(result.Out);
        }
    }

    [Fact]
    public async Task Diagnose_TimeoutEqualsNothing_NeedsAValue()
    {
        var result = await CliHarness.RunAsync(["diagnose", "openai", "--timeout=", "--json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("chatopsbot: --timeout needs a value.\n", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("600")]
    public async Task Diagnose_TimeoutInRange_Accepted(string value)
    {
        var result = await CliHarness.RunAsync(["diagnose", "openai", "--timeout", value, "--json"]);

        Assert.Equal(1, result.ExitCode); // key.missing
    }

    [Fact]
    public async Task Diagnose_UnknownOptionThatLooksLikeAKey_NotEchoed()
    {
        var key = "--sk-proj-" + new string('x', 40);

        var result = await CliHarness.RunAsync(["diagnose", "openai", key]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain(key, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_ResponseFileWord_FileNeverRead()
    {
        var key = "sk-proj-" + new string('R', 40);
        var file = Path.Combine(Path.GetTempPath(), "chatopsbot-rsp-" + Guid.NewGuid().ToString("N") + ".rsp");
        await File.WriteAllTextAsync(file, key + "\n--json\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliHarness.RunAsync(["diagnose", "openai", "@" + file]);

            Assert.Equal(2, result.ExitCode);
            // the word is refused as it stands (a long word without spaces is taken for a key), the file is not opened
        Assert.StartsWith("chatopsbot: That looks like a key: never put a key on the command line.", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(key, result.All, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
