using ChatOpsBot.Cli;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Cli;

/// <summary>Runs the real entry point in-process with a captured console and a private environment.</summary>
internal static class CliHarness
{
    public static async Task<CliResult> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        string stdin = "",
        bool terminal = false,
        Action<IServiceCollection>? configure = null,
        CancellationToken? cancellationToken = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var console = new CliConsole(output, error, new StringReader(stdin), terminal, name => env.TryGetValue(name, out var v) ? v : null)
        {
            SettingVariables = env,
        };
        var exit = await ChatOpsBotApp.RunAsync(args, console, services =>
        {
            services.AddStatusPagesGuard(); // no test reaches the real status pages
            configure?.Invoke(services);
        }, cancellationToken ?? TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}
