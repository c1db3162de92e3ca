using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Hosting;

/// <summary>
/// The long-running bot's heartbeat: says at start what runs (the chat adapters and the monitor start on their own,
/// as hosted services), waits for Ctrl-C and says when it stops. It only logs and waits.
/// </summary>
public sealed partial class LifecycleLogger(MonitorCatalog monitor, IOptions<MonitorOptions> monitorOptions, IOptions<StorageOptions> storage, ILoggerFactory loggerFactory) : BackgroundService
{
    /// <summary>
    /// The log category these lines have always carried (the class was called <c>Worker</c>); kept so that log
    /// output and any <c>Logging:LogLevel</c> filter on it stay the same.
    /// </summary>
    public const string LogCategory = "ChatOpsBot.Hosting.Worker";

    private readonly ILogger logger = loggerFactory.CreateLogger(LogCategory);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Starting(logger);
        if (monitor.Targets.Count == 0)
        {
            Log.MonitorOff(logger);
        }
        else
        {
            var options = monitorOptions.Value;
            Log.Monitor(logger, monitor.Targets.Count, string.Join(", ", monitor.Targets.Select(t => t.Name)), options.FailuresBeforeAlert,
                storage.Value.Provider == StorageProvider.Postgres
                    ? PostgresMonitorStore.Describe(storage.Value.ConnectionString) // host, port, database: never the password
                    : Path.Combine(storage.Value.ResolvedDirectory, MonitorStore.FileName));
        }

        Log.Running(logger);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Stopping(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "ChatOpsBot worker starting.")]
        public static partial void Starting(ILogger logger);

        [LoggerMessage(3, LogLevel.Information, "Monitor: watching {Count} target(s) ({Targets}); alert after {Failures} failed check(s) in a row; store {Path}.")]
        public static partial void Monitor(ILogger logger, int count, string targets, int failures, string path);

        [LoggerMessage(4, LogLevel.Information, "Monitor: no Monitor:Targets configured, nothing is watched (chat commands still work).")]
        public static partial void MonitorOff(ILogger logger);

        [LoggerMessage(6, LogLevel.Information, "ChatOpsBot worker running. Waiting for Ctrl-C.")]
        public static partial void Running(ILogger logger);

        [LoggerMessage(5, LogLevel.Information, "ChatOpsBot worker stopped.")]
        public static partial void Stopping(ILogger logger);
    }
}
