using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Hosting;

/// <summary>
/// The long-running bot. Until the chat adapters exist, it says which adapters and monitor targets the
/// configuration asks for, and waits for Ctrl-C.
/// </summary>
public sealed partial class Worker(IConfiguration configuration, ILogger<Worker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Starting(logger);
        var targets = configuration.GetSection("Monitor:Targets").GetChildren().Count();
        Log.Monitor(logger, targets);
        Log.NotYet(logger);
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

        [LoggerMessage(3, LogLevel.Information, "Monitor: {Count} target(s) configured.")]
        public static partial void Monitor(ILogger logger, int count);

        [LoggerMessage(4, LogLevel.Warning, "The monitor is not built yet: configured targets are not checked. Chat adapters start on their own when their token is set. Waiting for Ctrl-C.")]
        public static partial void NotYet(ILogger logger);

        [LoggerMessage(5, LogLevel.Information, "ChatOpsBot worker stopped.")]
        public static partial void Stopping(ILogger logger);
    }
}
