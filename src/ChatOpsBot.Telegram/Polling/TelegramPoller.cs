using System.Threading.Channels;
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
        TelegramUpdateLanes lanes,
        IUpdateOffsetStore offsets,
        IOptions<TelegramOptions> options,
        TimeProvider timeProvider,
        ILogger<TelegramPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clientFactory = clientFactory;
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

    /// <summary>Raised just before a back-off wait (tests advance their clock on it).</summary>
    internal event Action<TimeSpan>? BackingOff;

    /// <summary>Raised once the poller is parked (only updates in progress came back, its timer is set): tests may advance their clock on it.</summary>
    internal event Action? Parked;

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled or the token is refused.</summary>
    public async Task<PollerStopReason> RunAsync(CancellationToken cancellationToken)
    {
        var client = _clientFactory.Client;
        var state = new State(await LoadAsync(cancellationToken).ConfigureAwait(false));
        Log.Started(_logger, state.Offset, (int)_options.PollTimeout.TotalSeconds);
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await ConfirmAsync(state).ConfigureAwait(false);
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
        await ConfirmAsync(state).ConfigureAwait(false);
        Log.Stopped(_logger, state.Offset);
        return PollerStopReason.Stopped;
    }

    private async Task<UpdateCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _offsets.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LoadFailed(_logger, ex);
            return null; // Telegram starts at its oldest unconfirmed update: nothing is lost
        }
    }

    /// <summary>Stores the checkpoint when it changed; a failure is one Error line per new problem, and polling goes on.</summary>
    private async Task ConfirmAsync(State state)
    {
        if (state.TakeCheckpointIfChanged() is not { } checkpoint)
        {
            return;
        }

        try
        {
            await _offsets.SaveAsync(checkpoint, CancellationToken.None).ConfigureAwait(false);
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

    /// <summary>The poller's bookkeeping: what was fetched, what was taken, the offset; completions arrive from lanes.</summary>
    private sealed class State
    {
        private readonly Lock _gate = new();
        private readonly HashSet<int> _seen = [];
        private readonly HashSet<int> _taken = [];
        private readonly HashSet<int> _inProgress = [];
        private readonly HashSet<int> _again = [];
        private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int? _offset;
        private int _max = int.MinValue;
        private UpdateCheckpoint? _saved;

        public State(UpdateCheckpoint? checkpoint)
        {
            _drained.SetResult();
            if (checkpoint is not null)
            {
                _offset = checkpoint.Offset;
                _saved = checkpoint;
                foreach (var id in checkpoint.TakenAbove.Where(id => id >= checkpoint.Offset))
                {
                    _seen.Add(id);
                    _taken.Add(id);
                    _max = Math.Max(_max, id);
                }
            }
        }

        public Signal Changed { get; } = new();

        public int? Offset
        {
            get
            {
                lock (_gate)
                {
                    return _offset;
                }
            }
        }

        /// <summary>Updates at or above the offset (in progress or taken): Telegram sends them all again.</summary>
        public int Unconfirmed
        {
            get
            {
                lock (_gate)
                {
                    return _seen.Count;
                }
            }
        }

        /// <summary>True when <paramref name="id"/> is new: it is now in progress.</summary>
        public bool Accept(int id)
        {
            lock (_gate)
            {
                if ((_offset is int offset && id < offset) || (!_seen.Add(id) && !_again.Remove(id)))
                {
                    return false;
                }

                _offset ??= id; // the first update Telegram had: nothing older is waiting there
                _max = Math.Max(_max, id);
                if (_inProgress.Count == 0)
                {
                    _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                _inProgress.Add(id);
                return true;
            }
        }

        /// <summary>An update's lane finished with it: taken, or not (cancelled: it stays unconfirmed).</summary>
        public void Finished(int id, bool taken)
        {
            lock (_gate)
            {
                _inProgress.Remove(id);
                if (taken)
                {
                    _taken.Add(id);
                    Advance();
                }
                else
                {
                    _again.Add(id); // not taken: handed out again if polling goes on; the offset stays below it
                }

                if (_inProgress.Count == 0)
                {
                    _drained.TrySetResult();
                }
            }

            Changed.Set();
        }

        public Task DrainedAsync()
        {
            lock (_gate)
            {
                return _drained.Task;
            }
        }

        /// <summary>The checkpoint to store, or null when it is what was stored last.</summary>
        public UpdateCheckpoint? TakeCheckpointIfChanged()
        {
            lock (_gate)
            {
                if (_offset is not int offset)
                {
                    return null;
                }

                var checkpoint = new UpdateCheckpoint(offset, [.. _taken.Where(id => id >= offset).Order()]);
                if (checkpoint.Equals(_saved))
                {
                    return null;
                }

                _saved = checkpoint;
                return checkpoint;
            }
        }

        /// <summary>Moves the offset to the oldest update not taken (Telegram returned every update in order, so none is missed).</summary>
        private void Advance()
        {
            var pending = _seen.Where(id => !_taken.Contains(id)).DefaultIfEmpty(int.MaxValue).Min();
            var offset = pending == int.MaxValue ? _max + 1 : pending;
            if (_offset is int current && offset <= current)
            {
                return;
            }

            _offset = offset;
            _seen.RemoveWhere(id => id < offset);
            _taken.RemoveWhere(id => id < offset);
        }
    }

    /// <summary>An auto-reset wake-up: set by completions, awaited by the poll loop with a time limit.</summary>
    private sealed class Signal
    {
        private readonly Channel<byte> _set = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public void Set() => _set.Writer.TryWrite(0);

        public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, Action? parked, CancellationToken cancellationToken)
        {
            using var timer = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            var read = _set.Reader.ReadAsync(linked.Token);
            parked?.Invoke(); // the timer is set: a test may move its clock now
            try
            {
                await read.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the time limit: poll again
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

        [LoggerMessage(10, LogLevel.Error, "Telegram: the stored update offset could not be read (Storage:DataDirectory); starting at Telegram's oldest unconfirmed update.")]
        public static partial void LoadFailed(ILogger logger, Exception exception);
    }
}
