using ChatOpsBot.Cli;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot;

/// <summary>The entry point: <c>diagnose</c> runs one diagnosis; no verb runs the worker.</summary>
public static class ChatOpsBotApp
{
    public const string Usage = """
        ChatOpsBot: why your OpenAI, Claude or Gemini key does not work.

        Usage:
          chatopsbot diagnose <openai|anthropic|gemini|all> [options]   diagnose keys (see: chatopsbot diagnose --help)
          chatopsbot                                                    run the bot worker (chat adapters, monitor)
          chatopsbot --help                                             this text
        """;

    public static async Task<int> RunAsync(string[] args, CliConsole console, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var verb = args.Length > 0 ? args[0] : null;
        switch (verb)
        {
            case null or "run" or "worker":
                using (var host = AppHostBuilder.Create(console, LogLevel.Information, configure).Build())
                {
                    await host.RunAsync(cancellationToken).ConfigureAwait(false);
                }

                return 0;
            case "-h" or "--help" or "help":
                await console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                return 0;
            case "diagnose":
                return await DiagnoseAsync(args[1..], console, configure, cancellationToken).ConfigureAwait(false);
            default:
                await console.Error.WriteLineAsync($"Unknown command \"{(verb.Length > 20 ? verb[..4] + "…" : verb)}\".\n\n{Usage}").ConfigureAwait(false);
                return DiagnoseCommand.ExitUsage;
        }
    }

    private static async Task<int> DiagnoseAsync(string[] args, CliConsole console, Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        if (args is ["-h" or "--help" or "help", ..] || args.Contains("--help"))
        {
            await console.Out.WriteLineAsync(DiagnoseArguments.Usage).ConfigureAwait(false);
            return DiagnoseCommand.ExitOk;
        }

        try
        {
            var parsed = DiagnoseArguments.Parse(args);
            var builder = AppHostBuilder.Create(console, LogLevel.Warning, configure);
            using var host = builder.Build();
            ValidateOptions(host.Services);
            var command = host.Services.GetRequiredService<DiagnoseCommand>();
            return await command.RunAsync(parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: {ex.Message}\n\n{DiagnoseArguments.Usage}").ConfigureAwait(false);
            return DiagnoseCommand.ExitUsage;
        }
        catch (ProxyConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {ex.Message}").ConfigureAwait(false);
            return DiagnoseCommand.ExitUsage;
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return DiagnoseCommand.ExitUsage;
        }
    }

    /// <summary>The host validates options on start; the CLI does not start the host, so it asks here.</summary>
    private static void ValidateOptions(IServiceProvider services) =>
        _ = services.GetRequiredService<IOptions<Diagnostics.Engine.EngineOptions>>().Value;
}
