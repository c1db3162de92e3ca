using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Updates;

/// <summary>
/// Runs updates one chat at a time and chats side by side: each chat has a lane (its updates in arrival order, one
/// after another), and at most <see cref="TelegramOptions.MaxConcurrentChats"/> lanes run at once. A chat waiting on
/// a slow diagnosis holds up only its own later updates. Shared by polling and the webhook.
/// </summary>
public sealed partial class TelegramUpdateLanes : IDisposable
{
    /// <summary>The lane of updates that belong to no chat (none of the types asked for by default).</summary>
    private const long NoChat = long.MinValue;

    private readonly TelegramUpdateDispatcher _dispatcher;
    private readonly ILogger<TelegramUpdateLanes> _logger;
    private readonly SecretScrubber _scrubber;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Queue<Item>> _lanes = [];
    private int _disposed;

    public TelegramUpdateLanes(TelegramUpdateDispatcher dispatcher, IOptions<TelegramOptions> options, SecretScrubber scrubber, ILogger<TelegramUpdateLanes> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dispatcher = dispatcher;
        _logger = logger;
        _scrubber = scrubber;
        _slots = new SemaphoreSlim(Math.Clamp(options.Value.MaxConcurrentChats, 1, 256));
    }

    /// <summary>Cancelled when the host stops (the webhook's updates run on it: a request's token ends with its response).</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Queues <paramref name="update"/> in its chat's lane. The task completes when the update is <b>taken</b>: its
    /// handler returned (for the conversation: the first reply is out) or threw (logged; the update is skipped). It is
    /// cancelled when <paramref name="cancellationToken"/> is cancelled before that: the update was not taken.
    /// </summary>
    public Task EnqueueAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var item = new Item(update, cancellationToken);
        var chat = ChatOf(update) ?? NoChat;
        bool start;
        lock (_gate)
        {
            start = !_lanes.TryGetValue(chat, out var lane);
            if (start)
            {
                lane = new Queue<Item>();
                _lanes[chat] = lane;
            }

            lane!.Enqueue(item);
        }

        if (start)
        {
            _ = Task.Run(() => RunLaneAsync(chat), CancellationToken.None);
        }

        return item.Taken.Task;
    }

    /// <summary>The chat an update belongs to (its lane), or null.</summary>
    public static long? ChatOf(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.Message?.Chat?.Id
            ?? update.EditedMessage?.Chat?.Id
            ?? update.CallbackQuery?.Message?.Chat?.Id
            ?? update.CallbackQuery?.From?.Id
            ?? update.MyChatMember?.Chat?.Id
            ?? update.ChatMember?.Chat?.Id
            ?? update.ChannelPost?.Chat?.Id
            ?? update.EditedChannelPost?.Chat?.Id
            ?? update.ChatJoinRequest?.Chat?.Id
            ?? update.InlineQuery?.From?.Id;
    }

    private async Task RunLaneAsync(long chat)
    {
        try
        {
            await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            CancelLane(chat);
            return;
        }

        try
        {
            while (true)
            {
                Item item;
                lock (_gate)
                {
                    var lane = _lanes[chat];
                    if (lane.Count == 0)
                    {
                        _lanes.Remove(chat);
                        return;
                    }

                    item = lane.Dequeue();
                }

                await RunAsync(item).ConfigureAwait(false);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task RunAsync(Item item)
    {
        if (item.CancellationToken.IsCancellationRequested)
        {
            item.Taken.TrySetCanceled(item.CancellationToken);
            return;
        }

        try
        {
            await _dispatcher.DispatchAsync(item.Update, item.CancellationToken).ConfigureAwait(false);
            item.Taken.TrySetResult();
        }
        catch (OperationCanceledException) when (item.CancellationToken.IsCancellationRequested)
        {
            item.Taken.TrySetCanceled(item.CancellationToken);
        }
#pragma warning disable CA1031 // the lane's boundary: one update's failure (outside its handler) must not stop the chat's others
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.Failed(_logger, ScrubbedException.From(ex, _scrubber), item.Update.Id);
            item.Taken.TrySetResult(); // skipped, as a handler's failure is: a poison update must not come back forever
        }
    }

    private void CancelLane(long chat)
    {
        Item[] items;
        lock (_gate)
        {
            items = _lanes.Remove(chat, out var lane) ? [.. lane] : [];
        }

        foreach (var item in items)
        {
            item.Taken.TrySetCanceled();
        }
    }

    /// <summary>Cancels the webhook's updates still waiting or running (the host is stopping). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel(); // not disposed: a lane may still read the token
        }
    }

    private sealed record Item(Update Update, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Telegram update {UpdateId} failed before its handler; it is skipped, not retried.")]
        public static partial void Failed(ILogger logger, Exception exception, int updateId);
    }
}
