using ChatOpsBot.Cli;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot;

/// <summary>The entry point: <c>diagnose</c> runs one diagnosis; <c>chat</c> the bot's conversation locally; no verb runs the worker.</summary>
public static class ChatOpsBotApp
{
    public const string Usage = """
        ChatOpsBot: why your OpenAI, Claude or Gemini key does not work.

        Usage:
          chatopsbot diagnose <openai|anthropic|gemini|all> [options]   diagnose keys (see: chatopsbot diagnose --help)
          chatopsbot chat                                               talk to the bot in this terminal (no tokens needed)
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
                return await WorkerAsync(console, configure, cancellationToken).ConfigureAwait(false);
            case "-h" or "--help" or "help":
                await console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                return 0;
            case "diagnose":
                return await DiagnoseAsync(args[1..], console, configure, cancellationToken).ConfigureAwait(false);
            case "chat":
                return await ChatAsync(console, configure, cancellationToken).ConfigureAwait(false);
            default:
                await console.Error.WriteLineAsync($"Unknown command \"{(verb.Length > 20 ? verb[..4] + "…" : verb)}\".\n\n{Usage}").ConfigureAwait(false);
                return DiagnoseCommand.ExitUsage;
        }
    }

    private static async Task<int> WorkerAsync(CliConsole console, Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        try
        {
            using var host = AppHostBuilder.CreateWorker(console, configure).Build();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return DiagnoseCommand.ExitUsage;
        }
        catch (MonitorStoreException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: {ex.Message}").ConfigureAwait(false);
            return 1;
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

    private static async Task<int> ChatAsync(CliConsole console, Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        try
        {
            var builder = AppHostBuilder.Create(console, LogLevel.Warning, configure);
            builder.Logging.AddFilter("ChatOpsBot", LogLevel.Warning); // the conversation is the output here
            using var host = builder.Build();
            foreach (var validator in host.Services.GetServices<IStartupValidator>())
            {
                validator.Validate(); // team keys, access and engine settings, as the worker checks them on start
            }

            return await host.Services.GetRequiredService<ChatRepl>().RunAsync(cancellationToken).ConfigureAwait(false);
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
