using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types.Enums;

namespace ChatOpsBot.Telegram.Hosting;

/// <summary>
/// Starts the Telegram side: says once that it is off when no token is set; otherwise checks the token (getMe),
/// sets the command menu, then either registers the webhook or removes any webhook and polls. A refused token
/// (401) is one Critical log line and the adapter stops — the rest of the host (Discord, the monitor) goes on.
/// Transient start-up failures back off and try again. In polling mode with a store shared by several replicas
/// (PostgreSQL), only the holder of the lease <see cref="PollingLease"/> polls (<see cref="LeaseHeldWork"/>); the
/// others stand by and still send alerts and run the monitor.
/// </summary>
public sealed partial class TelegramHostedService(
    IServiceProvider services,
    IOptions<TelegramOptions> options,
    TimeProvider timeProvider,
    SecretScrubber scrubber,
    ILogger<TelegramHostedService> logger) : BackgroundService
{
    /// <summary>The lease the polling replica holds when the store is shared (also its kind for readiness and metrics).</summary>
    public const string PollingLease = "telegram-polling";

    /// <summary>True once the bot is started (token accepted, commands set, webhook set or polling begun): what readiness asks.</summary>
    public bool IsStarted { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var value = options.Value;
        if (!value.IsConfigured)
        {
            Log.Off(logger);
            return;
        }

        var bot = services.GetRequiredService<TelegramBot>();
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var error = await StartAsync(bot, value, stoppingToken).ConfigureAwait(false);
                if (error is null)
                {
                    IsStarted = true;
                    break;
                }

                if (error.IsUnauthorized)
                {
                    Log.Unauthorized(logger, error.Description);
                    return;
                }

                var delay = TelegramPoller.BackoffFor(value).Delay(attempt);
                Log.StartFailed(logger, error.ToString(), delay);
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }

        if (value.Mode != TelegramMode.Polling)
        {
            return; // a webhook needs no lease: Telegram posts each update to one replica behind the load balancer
        }

        var poller = services.GetRequiredService<TelegramPoller>();
        if (services.GetService<LeaseHeldWork>() is { IsShared: true } leases)
        {
            // Telegram allows one getUpdates at a time (a second poller gets 409): one replica polls, the others stand by.
            poller.ConfirmOnStop = true;
            await leases.RunAsync(PollingLease, ct => PollAsync(poller, value, ct), stoppingToken).ConfigureAwait(false);
            return;
        }

        await PollAsync(poller, value, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Raised before waiting to poll again after the poller failed unexpectedly (tests advance their clock on it).</summary>
    internal event Action<TimeSpan>? Restarting;

    /// <summary>
    /// Runs the poller; an unexpected exception from it (a bug, or a store that throws something unforeseen) is one
    /// Error line and polling starts again after a back-off — it must not stop the host (Discord, the monitor).
    /// </summary>
    private async Task PollAsync(TelegramPoller poller, TelegramOptions value, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await poller.RunAsync(stoppingToken).ConfigureAwait(false);
                return; // stopped, or the token was refused (logged by the poller)
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the boundary: the Telegram side must not take the host down with it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var delay = TelegramPoller.BackoffFor(value).Delay(attempt);
                Log.PollerFailed(logger, ScrubbedException.From(ex, scrubber), delay);
                try
                {
                    var wait = Task.Delay(delay, timeProvider, stoppingToken);
                    Restarting?.Invoke(delay); // the timer is set: a test may move its clock now
                    await wait.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task<TelegramError?> StartAsync(TelegramBot bot, TelegramOptions value, CancellationToken cancellationToken)
    {
        var me = await bot.GetMeAsync(cancellationToken).ConfigureAwait(false);
        if (!me.IsSuccess)
        {
            return me.Error;
        }

        var commands = await bot.SetCommandsAsync(cancellationToken).ConfigureAwait(false);
        if (!commands.IsSuccess)
        {
            return commands.Error;
        }

        if (value.Mode == TelegramMode.Webhook)
        {
            UpdateType[] allowed = [.. value.EffectiveAllowedUpdates.Select(t => TelegramOptionsValidator.TryParseUpdateType(t, out var type) ? type : UpdateType.Unknown)
                                                         .Where(t => t != UpdateType.Unknown)];
            var set = await bot.SetWebhookAsync(value.WebhookUrl!, value.WebhookSecretToken!, allowed, cancellationToken).ConfigureAwait(false);
            if (!set.IsSuccess)
            {
                return set.Error;
            }

            Log.Started(logger, me.Value.Username, "webhook");
            return null;
        }

        var deleted = await bot.DeleteWebhookAsync(cancellationToken).ConfigureAwait(false);
        if (!deleted.IsSuccess)
        {
            return deleted.Error;
        }

        Log.Started(logger, me.Value.Username, "long polling");
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Telegram adapter: off (no token configured).")]
        public static partial void Off(ILogger logger);

        [LoggerMessage(2, LogLevel.Critical, "Telegram refused the bot token ({Description}): the Telegram adapter stops. Check Telegram:Token (BotFather /token) and restart.")]
        public static partial void Unauthorized(ILogger logger, string description);

        [LoggerMessage(3, LogLevel.Warning, "Telegram adapter could not start ({Error}); trying again in {Delay}.")]
        public static partial void StartFailed(ILogger logger, string error, TimeSpan delay);

        [LoggerMessage(5, LogLevel.Error, "Telegram polling failed unexpectedly; polling again in {Delay} (the rest of the bot goes on).")]
        public static partial void PollerFailed(ILogger logger, Exception exception, TimeSpan delay);

        [LoggerMessage(4, LogLevel.Information, "Telegram adapter: @{Username} receiving updates by {Mode}.")]
        public static partial void Started(ILogger logger, string username, string mode);
    }
}
