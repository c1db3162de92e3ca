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

        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (console.SettingVariables is { Count: > 0 } variables)
        {
            builder.Configuration.AddInMemoryCollection(variables.Select(v =>
                new KeyValuePair<string, string?>(v.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value)));
        }

        var secrets = console.Environment(SecretsDirectoryVariable) ?? "/run/secrets";
        if (Directory.Exists(secrets))
        {
            builder.Configuration.AddKeyPerFile(secrets, optional: true);
        }

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSecretScrubbing();

        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton(new EnvironmentVariables(console.Environment));
        builder.Services.AddDiagnostics();
        builder.Services.AddConversation();
        builder.Services.AddTransient<DiagnoseCommand>();
        builder.Services.AddTransient<ChatRepl>();
        configure?.Invoke(builder.Services);
        return builder;
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
