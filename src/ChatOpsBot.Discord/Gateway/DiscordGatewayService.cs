using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// Runs the gateway (every shard of this process) for the host's lifetime. Without a token it says so once and does
/// nothing. A fatal close on any shard (4004, 4010–4014), or shard settings that cannot run, is logged once by the client; this service then sets a non-zero exit code and stops the host.
/// Anything else escaping the client (it retries what is transient itself) is a bug: one Critical line, exit code 1, stop.
/// </summary>
public sealed partial class DiscordGatewayService(
    IDiscordGateway gateway,
    IOptions<DiscordOptions> options,
    IHostApplicationLifetime lifetime,
    SecretScrubber scrubber,
    ILogger<DiscordGatewayService> logger) : BackgroundService
{
    /// <summary>The fatal error that stopped the gateway, if one did.</summary>
    public DiscordGatewayFatalException? FatalError { get; private set; }

    /// <summary>Sets the process exit code; tests replace it so the test host keeps its own.</summary>
    internal Action<int> SetExitCode { get; set; } = static code => Environment.ExitCode = code;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            Log.NotConfigured(logger);
            return;
        }

        if (!options.Value.UseGateway)
        {
            Log.GatewayOff(logger);
            return;
        }

        try
        {
            await gateway.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (DiscordGatewayFatalException ex)
        {
            FatalError = ex;
            SetExitCode(1);
            lifetime.StopApplication();
        }
#pragma warning disable CA1031 // deliberately fatal: the client already retries what is transient; anything else is a bug
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.Crashed(logger, ScrubbedException.From(ex, scrubber));
            SetExitCode(1);
            lifetime.StopApplication();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Discord is off: Discord:Token is not set.")]
        public static partial void NotConfigured(ILogger logger);

        [LoggerMessage(3, LogLevel.Information, "Discord gateway is off (Discord:UseGateway=false): interactions arrive over HTTP only.")]
        public static partial void GatewayOff(ILogger logger);

        [LoggerMessage(2, LogLevel.Critical, "Discord gateway failed unexpectedly; the bot stops with exit code 1 so a supervisor restarts it.")]
        public static partial void Crashed(ILogger logger, Exception exception);
    }
}
