using ChatOpsBot.Cli;
using ChatOpsBot.Core;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Http;
using ChatOpsBot.Telegram.Adapter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Hosting;

/// <summary>
/// The composition root: configuration (config/appsettings.json, then environment variables, then secret files),
/// logging through the secret scrubber, the engine, the conversation layer, and the worker.
/// </summary>
public static class AppHostBuilder
{
    /// <summary>Where secret files are read from (one file per setting, name with <c>__</c> for <c>:</c>).</summary>
    public const string SecretsDirectoryVariable = "CHATOPSBOT_SECRETS_DIR";

    public static HostApplicationBuilder Create(CliConsole console, LogLevel minimumLevel, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = console.Environment("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });

        AddConfigurationSources(builder.Configuration, console);
        ConfigureLogging(builder.Logging, builder.Configuration, minimumLevel);
        AddEngine(builder.Services, console);
        builder.Services.AddConversation();
        builder.Services.AddTransient<ChatRepl>();
        configure?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>
    /// What <c>diagnose</c> needs and nothing more: the same configuration and logging as <see cref="Create"/>, the engine
    /// and the command, in a plain service collection. No generic host (its lifetime, environment and console lifetime
    /// serve nothing in a one-shot run) and no conversation layer: a cold start pays only for what it uses.
    /// </summary>
    public static (IConfigurationRoot Configuration, IServiceCollection Services) CreateDiagnose(CliConsole console, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var configuration = new ConfigurationManager();
        AddConfigurationSources(configuration, console);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => ConfigureLogging(logging, configuration, LogLevel.Warning));
        AddEngine(services, console);
        configure?.Invoke(services);
        return (configuration, services);
    }

    private static void AddConfigurationSources(IConfigurationBuilder configuration, CliConsole console)
    {
        configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (console.SettingVariables is { Count: > 0 } variables)
        {
            configuration.AddInMemoryCollection(variables.Select(v =>
                new KeyValuePair<string, string?>(v.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value)));
        }

        var secrets = console.Environment(SecretsDirectoryVariable) ?? "/run/secrets";
        if (Directory.Exists(secrets))
        {
            configuration.AddKeyPerFile(secrets, optional: true);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ConfigurationManager configuration, LogLevel minimumLevel)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(minimumLevel);
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddSecretScrubbing();
    }

    private static void AddEngine(IServiceCollection services, CliConsole console)
    {
        services.AddSingleton(console);
        services.AddSingleton(new EnvironmentVariables(console.Environment));
        services.AddDiagnostics();
        services.AddTransient<DiagnoseCommand>();
    }

    /// <summary>
    /// The long-running bot: everything of <see cref="Create"/>, plus the chat adapters (each stays off, said once,
    /// without its token), the monitor (scheduled checks of <c>Monitor:Targets</c>, alerts through its outbox) and the
    /// worker. The one-shot verbs do not pay for these.
    /// </summary>
    public static HostApplicationBuilder CreateWorker(CliConsole console, Action<IServiceCollection>? configure = null)
    {
        var builder = Create(console, LogLevel.Information, services =>
        {
            // First: Http:Urls listens (health, metrics, Discord interactions, the Telegram webhook) before Telegram's
            // setWebhook; it also takes the Telegram webhook over from Telegram's own listener. Off when unset.
            services.AddWorkerHttp();
            services.AddDiscordClient();
            services.AddDiscordAdapter();
            services.AddTelegramAdapter();
            services.AddHostedService<LifecycleLogger>();
            services.AddMonitor();
            // Stated, not left to the default: a crashed service stops the host, and the exit status says so (1).
            services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
            configure?.Invoke(services);
        });
        return builder;
    }
}
