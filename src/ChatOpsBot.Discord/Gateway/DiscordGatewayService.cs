using System.Globalization;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// Runs the gateway (every shard of this process) for the host's lifetime. Without a token it says so once and does
/// nothing. A fatal close on any shard (4004, 4010–4014), or shard settings that cannot run, is logged once by the client; this service then sets a non-zero exit code and stops the host.
/// Anything else escaping the client (it retries what is transient itself) is a bug: one Critical line, exit code 1, stop.
/// With a store shared by several replicas (PostgreSQL), this process's shards run only while it holds the lease
/// <see cref="LeaseName"/> (<see cref="LeaseHeldWork"/>): replicas with the same shard settings are hot standbys for
/// each other (they still answer HTTP interactions and run the monitor), replicas given other shards hold their own.
/// </summary>
public sealed partial class DiscordGatewayService(
    IDiscordGateway gateway,
    IOptions<DiscordOptions> options,
    IHostApplicationLifetime lifetime,
    SecretScrubber scrubber,
    ILogger<DiscordGatewayService> logger,
    LeaseHeldWork? leases = null) : BackgroundService
{
    /// <summary>The kind of the gateway's lease (its name up to the <c>:</c>), as readiness and metrics name it.</summary>
    public const string LeaseKind = "discord-gateway";

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
            if (leases is { IsShared: true })
            {
                if (gateway is DiscordGatewayClient client)
                {
                    client.EndSessionsOnStop = true; // a takeover identifies afresh: end the old session, never leave it to linger
                }

                await leases.RunAsync(LeaseName(options.Value), gateway.RunAsync, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await gateway.RunAsync(stoppingToken).ConfigureAwait(false);
            }
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

    /// <summary>
    /// <c>discord-gateway:&lt;shard ids&gt;/&lt;shard count&gt;</c> from <c>Discord:ShardIds</c> (written compactly, so
    /// <c>0,1,2,3</c> and <c>0-3</c> are one lease) and <c>Discord:ShardCount</c>, each <c>all</c> when unset.
    /// </summary>
    public static string LeaseName(DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ids = options.ConfiguredShardIds() is { } list ? ShardIdList.Describe(list).Replace(" ", "", StringComparison.Ordinal) : "all";
        var count = options.ShardCount?.ToString(CultureInfo.InvariantCulture) ?? "all";
        return $"{LeaseKind}:{ids}/{count}";
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
