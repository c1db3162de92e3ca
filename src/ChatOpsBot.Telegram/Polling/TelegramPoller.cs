using ChatOpsBot.Diagnostics.Resilience;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Long polling by hand, not Telegram.Bot's ReceiveAsync (which moves the offset before the handler runs). Updates go
/// to <see cref="TelegramUpdateLanes"/>: in order within a chat, chats side by side. An update is <b>taken</b> when its
/// handler returned (or threw: logged and skipped). The offset Telegram is told is the oldest update not yet taken, so
/// Telegram keeps everything in progress; updates taken above it are remembered in the <see cref="IUpdateOffsetStore"/>
/// and skipped when Telegram sends them again. So across a restart nothing taken is handled again and nothing not
/// taken is lost. If the store cannot be written, one Error line per new problem and polling goes on (the checkpoint
/// stays in memory). Network failures, timeouts, 5xx and 409 back off with jitter; 429 waits retry_after; 401 stops.
/// </summary>
public sealed partial class TelegramPoller
{
    private const int Limit = 100;

    private readonly TelegramClientFactory _clientFactory;
    private readonly TelegramBot _bot;
    private readonly TelegramUpdateLanes _lanes;
    private readonly IUpdateOffsetStore _offsets;
    private readonly TelegramOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TelegramPoller> _logger;
    private readonly UpdateType[] _allowedUpdates;
    private readonly JitteredBackoff _backoff;
    private string? _storeProblem;

    public TelegramPoller(
        TelegramClientFactory clientFactory,
        TelegramBot bot,
        TelegramUpdateLanes lanes,
        IUpdateOffsetStore offsets,
        IOptions<TelegramOptions> options,
        TimeProvider timeProvider,
        ILogger<TelegramPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clientFactory = clientFactory;
        _bot = bot;
        _lanes = lanes;
        _offsets = offsets;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _backoff = BackoffFor(_options);
        _allowedUpdates = [.. _options.EffectiveAllowedUpdates.Select(t => TelegramOptionsValidator.TryParseUpdateType(t, out var type) ? type : UpdateType.Unknown)
                                                    .Where(t => t != UpdateType.Unknown)];
    }

    /// <summary>Polling's back-off (also the adapter's start and restart): doubling from InitialBackoff up to MaxBackoff, between half and all of the step.</summary>
    internal static JitteredBackoff BackoffFor(TelegramOptions options) =>
        new(options.InitialBackoff, options.MaxBackoff, JitterLow: 0.5, JitterHigh: 1.0, MaxDoublings: 20);

    /// <summary>How long the final getUpdates of a hand-over may take (<see cref="ConfirmOnStop"/>).</summary>
    internal static readonly TimeSpan HandOverTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When stopped, tell Telegram how far this poller got (one short getUpdates with the final offset), so the replica
    /// that polls next does not get the updates handled here again. Set when polling runs under a lease of the shared
    /// store; a lone process keeps its offset file instead.
    /// </summary>
    public bool ConfirmOnStop { get; set; }

    /// <summary>Raised just before a back-off wait (tests advance their clock on it).</summary>
    internal event Action<TimeSpan>? BackingOff;

    /// <summary>Raised once the poller is parked (only updates in progress came back, its timer is set): tests may advance their clock on it.</summary>
    internal event Action? Parked;

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled or the token is refused.</summary>
    public async Task<PollerStopReason> RunAsync(CancellationToken cancellationToken)
    {
        var client = _clientFactory.Client;
        long botId;
        try
        {
            if (await BotIdAsync(cancellationToken).ConfigureAwait(false) is not long id)
            {
                return PollerStopReason.Unauthorized;
            }

            botId = id;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PollerStopReason.Stopped;
        }

        var state = new State(await LoadAsync(botId, cancellationToken).ConfigureAwait(false));
        Log.Started(_logger, state.Offset, (int)_options.PollTimeout.TotalSeconds);
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await ConfirmAsync(botId, state).ConfigureAwait(false);
                if (state.Unconfirmed >= Limit)
                {
                    // Telegram returns at most 100 updates from the offset: no new one can be seen until the oldest is taken.
                    await state.Changed.WaitAsync(Timeout.InfiniteTimeSpan, _timeProvider, Parked, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                Update[] updates;
                try
                {
                    updates = await client.GetUpdates(
                        offset: state.Offset,
                        limit: Limit,
                        timeout: (int)_options.PollTimeout.TotalSeconds,
                        allowedUpdates: _allowedUpdates,
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (TelegramErrors.TryMap(ex, _clientFactory.Scrubber, out var error))
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
                        delay = _backoff.Delay(failures);
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
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (failures > 0)
                {
                    Log.Recovered(_logger, failures);
                    failures = 0;
                }

                var fresh = 0;
                foreach (var update in updates.OrderBy(u => u.Id))
                {
                    if (!state.Accept(update.Id))
                    {
                        continue; // taken already, or in progress: never handled twice
                    }

                    fresh++;
                    var taken = _lanes.EnqueueAsync(update, cancellationToken);
                    _ = taken.ContinueWith(t => state.Finished(update.Id, t.Status == TaskStatus.RanToCompletion), CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                if (fresh == 0 && updates.Length > 0)
                {
                    // Only updates in progress came back (unconfirmed, so Telegram answers at once): wait for one to be
                    // taken, or a moment, before asking for new ones.
                    await state.Changed.WaitAsync(_options.BusyPollInterval, _timeProvider, Parked, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        // What is in progress is cancelled with the token: it stays unconfirmed and comes again after a restart.
        await state.DrainedAsync().ConfigureAwait(false);
        await ConfirmAsync(botId, state).ConfigureAwait(false);
        if (ConfirmOnStop)
        {
            await HandOverAsync(client, state.Offset).ConfigureAwait(false);
        }

        Log.Stopped(_logger, state.Offset);
        return PollerStopReason.Stopped;
    }

    /// <summary>
    /// Confirms every update below <paramref name="offset"/> with Telegram (getUpdates, limit 1, no wait: Telegram
    /// forgets updates below the offset it is given). Updates taken above an older one still in progress cannot be
    /// confirmed without it, and those come to the next poller again. A failure (another poller already polls: 409)
    /// only means the next poller may see a few updates again.
    /// </summary>
    private async Task HandOverAsync(ITelegramBotClient client, int? offset)
    {
        if (offset is not int confirmed)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(HandOverTimeout, _timeProvider);
        try
        {
            await client.GetUpdates(offset: confirmed, limit: 1, timeout: 0, cancellationToken: timeout.Token).ConfigureAwait(false);
            Log.HandedOver(_logger, confirmed);
        }
        catch (Exception ex) when (ex is OperationCanceledException || TelegramErrors.TryMap(ex, _clientFactory.Scrubber, out _))
        {
            Log.HandOverFailed(_logger, confirmed);
        }
    }

    /// <summary>
    /// The bot's id (getMe; the hosted service asked already, so this is its cached answer): the offset is kept per
    /// bot. Null when the token is refused; other failures back off and ask again.
    /// </summary>
    private async Task<long?> BotIdAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var me = await _bot.GetMeAsync(cancellationToken).ConfigureAwait(false);
            if (me.IsSuccess)
            {
                return me.Value.Id;
            }

            if (me.Error.IsUnauthorized)
            {
                Log.Unauthorized(_logger, me.Error.Description);
                return null;
            }

            var delay = _backoff.Delay(attempt);
            Log.PollFailed(_logger, me.Error.ToString(), attempt, delay);
            BackingOff?.Invoke(delay);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<UpdateCheckpoint?> LoadAsync(long botId, CancellationToken cancellationToken)
    {
        try
        {
            return await _offsets.LoadAsync(botId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LoadFailed(_logger, ex);
            return null; // Telegram starts at its oldest unconfirmed update: nothing is lost
        }
    }

    /// <summary>Stores the checkpoint when it changed; a failure is one Error line per new problem, and polling goes on.</summary>
    private async Task ConfirmAsync(long botId, State state)
    {
        if (state.TakeCheckpointIfChanged() is not { } checkpoint)
        {
            return;
        }

        try
        {
            await _offsets.SaveAsync(botId, checkpoint, CancellationToken.None).ConfigureAwait(false);
            if (_storeProblem is not null)
            {
                _storeProblem = null;
                Log.SaveRecovered(_logger);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var problem = ex.GetType().FullName + ": " + ex.Message;
            if (!string.Equals(problem, _storeProblem, StringComparison.Ordinal))
            {
                _storeProblem = problem;
                Log.SaveFailed(_logger, ex);
            }
        }
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

        [LoggerMessage(8, LogLevel.Error, "Telegram: the update offset could not be saved (Storage:DataDirectory); polling goes on with it in memory, so after a restart some updates may be handled again. Said once per new problem.")]
        public static partial void SaveFailed(ILogger logger, Exception exception);

        [LoggerMessage(9, LogLevel.Information, "Telegram: the update offset is saved again.")]
        public static partial void SaveRecovered(ILogger logger);

        [LoggerMessage(11, LogLevel.Information, "Telegram polling handed over: updates below {Offset} confirmed with Telegram.")]
        public static partial void HandedOver(ILogger logger, int offset);

        [LoggerMessage(12, LogLevel.Warning, "Telegram polling handed over, but Telegram was not told the offset {Offset}: the next poller may handle a few updates again.")]
        public static partial void HandOverFailed(ILogger logger, int offset);

        [LoggerMessage(10, LogLevel.Error, "Telegram: the stored update offset could not be read (Storage:DataDirectory); starting at Telegram's oldest unconfirmed update.")]
        public static partial void LoadFailed(ILogger logger, Exception exception);
    }
}
