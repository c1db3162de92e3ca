using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Long polling by hand, not Telegram.Bot's ReceiveAsync (which moves the offset before the handler runs): each
/// update is handled, then its offset is stored, and Telegram learns it with the next getUpdates. So an update is
/// never skipped (a crash mid-handling brings it back) nor handled twice (the store survives restarts).
/// Network failures, timeouts, 5xx and 409 back off with jitter and poll again; 429 waits retry_after; 401 stops.
/// </summary>
public sealed partial class TelegramPoller
{
    private const int Limit = 100;

    private readonly TelegramClientFactory _clientFactory;
    private readonly TelegramUpdateDispatcher _dispatcher;
    private readonly IUpdateOffsetStore _offsets;
    private readonly TelegramOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TelegramPoller> _logger;
    private readonly UpdateType[] _allowedUpdates;

    public TelegramPoller(
        TelegramClientFactory clientFactory,
        TelegramUpdateDispatcher dispatcher,
        IUpdateOffsetStore offsets,
        IOptions<TelegramOptions> options,
        TimeProvider timeProvider,
        ILogger<TelegramPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clientFactory = clientFactory;
        _dispatcher = dispatcher;
        _offsets = offsets;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _allowedUpdates = [.. _options.EffectiveAllowedUpdates.Select(t => TelegramOptionsValidator.TryParseUpdateType(t, out var type) ? type : UpdateType.Unknown)
                                                    .Where(t => t != UpdateType.Unknown)];
    }

    /// <summary>Raised just before a back-off wait (tests advance their clock on it).</summary>
    internal event Action<TimeSpan>? BackingOff;

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled or the token is refused.</summary>
    public async Task<PollerStopReason> RunAsync(CancellationToken cancellationToken)
    {
        var client = _clientFactory.Client;
        var offset = await _offsets.LoadAsync(cancellationToken).ConfigureAwait(false);
        Log.Started(_logger, offset, (int)_options.PollTimeout.TotalSeconds);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await client.GetUpdates(
                    offset: offset,
                    limit: Limit,
                    timeout: (int)_options.PollTimeout.TotalSeconds,
                    allowedUpdates: _allowedUpdates,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (TelegramErrors.TryMap(ex, out var error))
            {
                if (error.IsUnauthorized)
                {
                    Log.Unauthorized(_logger, error.Description);
                    return PollerStopReason.Unauthorized;
                }

                failures++;
                TimeSpan delay;
                if (error.ErrorCode == 429 && error.RetryAfter is { } retryAfter)
                {
                    delay = retryAfter;
                    Log.RateLimited(_logger, (int)retryAfter.TotalSeconds);
                }
                else
                {
                    delay = Backoff.Next(failures, _options.InitialBackoff, _options.MaxBackoff);
                    if (error.ErrorCode == 409)
                    {
                        Log.Conflict(_logger, error.Description, delay);
                    }
                    else
                    {
                        Log.PollFailed(_logger, error.ToString(), failures, delay);
                    }
                }

                BackingOff?.Invoke(delay);
                try
                {
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            if (failures > 0)
            {
                Log.Recovered(_logger, failures);
                failures = 0;
            }

            foreach (var update in updates.OrderBy(u => u.Id))
            {
                if (offset is int current && update.Id < current)
                {
                    continue; // already handled: Telegram should not send it again, and we never handle it twice
                }

                try
                {
                    await _dispatcher.DispatchAsync(update, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Log.Stopped(_logger, offset);
                    return PollerStopReason.Stopped; // not stored: this update comes again next time
                }

                offset = update.Id + 1;
                await _offsets.SaveAsync(offset.Value, CancellationToken.None).ConfigureAwait(false);
            }
        }

        Log.Stopped(_logger, offset);
        return PollerStopReason.Stopped;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Telegram polling started at offset {Offset} with a {TimeoutSeconds} s long poll.")]
        public static partial void Started(ILogger logger, int? offset, int timeoutSeconds);

        [LoggerMessage(2, LogLevel.Critical, "Telegram refused the bot token ({Description}): the Telegram adapter stops. Check Telegram:Token (BotFather /token) and restart.")]
        public static partial void Unauthorized(ILogger logger, string description);

        [LoggerMessage(3, LogLevel.Warning, "Telegram getUpdates failed ({Error}), failure {Failures}; polling again in {Delay}.")]
        public static partial void PollFailed(ILogger logger, string error, int failures, TimeSpan delay);

        [LoggerMessage(4, LogLevel.Error, "Telegram getUpdates conflict: {Description}. Another instance polls this bot, or a webhook is set; polling again in {Delay}.")]
        public static partial void Conflict(ILogger logger, string description, TimeSpan delay);

        [LoggerMessage(5, LogLevel.Warning, "Telegram getUpdates was rate limited: waiting {RetryAfterSeconds} s as Telegram asked.")]
        public static partial void RateLimited(ILogger logger, int retryAfterSeconds);

        [LoggerMessage(6, LogLevel.Information, "Telegram polling recovered after {Failures} failure(s).")]
        public static partial void Recovered(ILogger logger, int failures);

        [LoggerMessage(7, LogLevel.Information, "Telegram polling stopped at offset {Offset}.")]
        public static partial void Stopped(ILogger logger, int? offset);
    }
}
