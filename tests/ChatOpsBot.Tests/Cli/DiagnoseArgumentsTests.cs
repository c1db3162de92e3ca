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
        var result = await CliHarness.RunAsync(["diagnose", "openai", "--timeout=" + value, "--json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("chatopsbot: --timeout takes a number of seconds", result.Error, StringComparison.Ordinal);
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
}
