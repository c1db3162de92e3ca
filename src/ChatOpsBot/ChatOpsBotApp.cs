using ChatOpsBot.Cli;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot;

/// <summary>The entry point: <c>diagnose</c> runs one diagnosis; <c>chat</c> the bot's conversation locally; no verb runs the worker.</summary>
public static class ChatOpsBotApp
{
    // The first three by name, the rest counted: the whole list is in `chatopsbot diagnose --help`.
    private static string Named { get; } = ProviderRegistry.Descriptors.Count <= 3
        ? string.Join(", ", ProviderRegistry.Descriptors.Select(d => d.DisplayName))
        : $"{string.Join(", ", ProviderRegistry.Descriptors.Take(3).Select(d => d.DisplayName))} and {ProviderRegistry.Descriptors.Count - 3} more providers";

    /// <summary>The top-level usage text, naming the registered providers.</summary>
    public static string Usage { get; } = $"""
        ChatOpsBot: why your AI API key does not work ({Named}).

        Usage:
          chatopsbot diagnose <provider|all> [options]   diagnose keys (see: chatopsbot diagnose --help)
          chatopsbot chat                               talk to the bot in this terminal (no tokens needed)
          chatopsbot                                    run the bot worker (chat adapters, monitor)
          chatopsbot --help                             this text
        """;

    public static async Task<int> RunAsync(string[] args, CliConsole console, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        switch (new ChatOpsBotCommandLine().VerbOf(args))
        {
            case ChatOpsBotCommandLine.Verb.Worker:
                return await WorkerAsync(console, configure, cancellationToken).ConfigureAwait(false);
            case ChatOpsBotCommandLine.Verb.Help:
                await console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                return 0;
            case ChatOpsBotCommandLine.Verb.Diagnose:
                return await DiagnoseAsync(args[1..], console, configure, cancellationToken).ConfigureAwait(false);
            case ChatOpsBotCommandLine.Verb.Chat:
                return await ChatAsync(console, configure, cancellationToken).ConfigureAwait(false);
            default:
                var verb = args[0];
                await console.Error.WriteLineAsync($"Unknown command \"{(verb.Length > 20 ? verb[..4] + "…" : verb)}\".\n\n{Usage}").ConfigureAwait(false);
                return DiagnoseCommand.ExitUsage;
        }
    }

    private static async Task<int> WorkerAsync(CliConsole console, Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        try
        {
            var builder = AppHostBuilder.CreateWorker(console, configure);
            if (await ReportBadSettingsAsync(builder, console, baseUrlVariables: true).ConfigureAwait(false))
            {
                return ExitCodes.Usage;
            }

            using var host = builder.Build();
            ValidateOnStart(host.Services); // before the host runs, so its own failure line (which quotes values) never comes
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false); // not RunAsync: it disposes the host we ask below
            if (WorkerFailure(host.Services) is { } failure)
            {
                await console.Error.WriteLineAsync($"chatopsbot: the worker stopped after a failure ({failure}; see the log above).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ProxyConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (MonitorStoreException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok; // Ctrl-C while starting: a clean stop
        }
#pragma warning disable CA1031 // the process's last boundary: a failure to start is exit 1, its (scrubbed) details are in the log
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"chatopsbot: the worker could not start ({ex.GetType().Name}; see the log above).").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Why the worker stopped on its own, or null after a requested stop: a fatal Discord close, or a background
    /// service that crashed (the host stops on it: <see cref="BackgroundServiceExceptionBehavior.StopHost"/>).
    /// </summary>
    private static string? WorkerFailure(IServiceProvider services)
    {
        var hosted = services.GetServices<IHostedService>().ToList();
        if (hosted.OfType<DiscordGatewayService>().FirstOrDefault(s => s.FatalError is not null) is { } discord)
        {
            return "Discord refused the bot: " + DiscordGatewayFatalException.Describe(discord.FatalError!.CloseCode);
        }

        return hosted.OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true }) is { } crashed
            ? crashed.GetType().Name + " crashed"
            : null;
    }

    /// <summary>Checks every setting before the host is built; true (and each problem said on its own line) when any is bad.</summary>
    private static Task<bool> ReportBadSettingsAsync(HostApplicationBuilder builder, CliConsole console, bool baseUrlVariables) =>
        ReportBadSettingsAsync(builder.Configuration, console, baseUrlVariables);

    private static async Task<bool> ReportBadSettingsAsync(IConfiguration configuration, CliConsole console, bool baseUrlVariables)
    {
        var failures = SettingsCheck.Check(configuration, console.Environment, baseUrlVariables);
        foreach (var failure in failures)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {failure}").ConfigureAwait(false);
        }

        return failures.Count > 0;
    }

    /// <summary>What <c>ValidateOnStart</c> would check when the host starts, asked now.</summary>
    private static void ValidateOnStart(IServiceProvider services)
    {
        foreach (var validator in services.GetServices<IStartupValidator>())
        {
            validator.Validate();
        }
    }

    private static async Task<int> DiagnoseAsync(string[] args, CliConsole console, Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        if (DiagnoseWords.WantsHelp(args))
        {
            await console.Out.WriteLineAsync(DiagnoseArguments.Usage).ConfigureAwait(false);
            return DiagnoseCommand.ExitOk;
        }

        try
        {
            var parsed = DiagnoseArguments.Parse(args);
            var (configuration, services) = AppHostBuilder.CreateDiagnose(console, configure);
            StartupTrace.Mark("configuration read");
            if (await ReportBadSettingsAsync(configuration, console, baseUrlVariables: false).ConfigureAwait(false))
            {
                return ExitCodes.Usage;
            }

            StartupTrace.Mark("settings checked");
            await using var provider = services.BuildServiceProvider();
            ValidateOptions(provider);
            var command = provider.GetRequiredService<DiagnoseCommand>();
            StartupTrace.Mark("services resolved");
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
            if (await ReportBadSettingsAsync(builder, console, baseUrlVariables: true).ConfigureAwait(false))
            {
                return ExitCodes.Usage;
            }

            using var host = builder.Build();
            ValidateOnStart(host.Services); // team keys, access and engine settings, as the worker checks them on start

            return await host.Services.GetRequiredService<ChatRepl>().RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return DiagnoseCommand.ExitUsage;
        }
        catch (ProxyConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"chatopsbot: configuration error: {ex.Message}").ConfigureAwait(false);
            return DiagnoseCommand.ExitUsage;
        }
    }

    /// <summary>The host validates options on start; the CLI does not start the host, so it asks here.</summary>
    private static void ValidateOptions(IServiceProvider services) =>
        _ = services.GetRequiredService<IOptions<Diagnostics.Engine.EngineOptions>>().Value;
}
