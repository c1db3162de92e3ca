using System.Collections.Concurrent;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// Telegram's flood limits, kept per chat: sends and edits to one chat go one at a time, at least
/// <see cref="PerChatInterval"/> apart, and at most <see cref="GroupMessagesPerMinute"/> in any minute to a group
/// (negative chat ids). Waits on the <see cref="TimeProvider"/>, so tests advance a fake clock.
/// </summary>
internal sealed class ChatSendGate(TimeProvider timeProvider)
{
    private TimeProvider Clock => timeProvider;

    public static readonly TimeSpan PerChatInterval = TimeSpan.FromSeconds(1);
    public const int GroupMessagesPerMinute = 20;

    private readonly ConcurrentDictionary<long, ChatLane> _lanes = new();

    /// <summary>Takes the chat's lane (one call at a time per chat). Dispose the lease after the call.</summary>
    public async Task<Lease> EnterAsync(long chatId, CancellationToken cancellationToken)
    {
        var lane = _lanes.GetOrAdd(chatId, _ => new ChatLane());
        await lane.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(this, lane, chatId < 0);
    }

    private TimeSpan WaitFor(ChatLane lane, bool group)
    {
        var now = timeProvider.GetUtcNow();
        var next = lane.LastSent + PerChatInterval;
        if (group && lane.Recent.Count >= GroupMessagesPerMinute)
        {
            var windowFree = lane.Recent.Peek() + TimeSpan.FromMinutes(1);
            next = next > windowFree ? next : windowFree;
        }

        return next > now ? next - now : TimeSpan.Zero;
    }

    internal sealed class ChatLane
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public DateTimeOffset LastSent { get; set; } = DateTimeOffset.MinValue;

        public Queue<DateTimeOffset> Recent { get; } = new();
    }

    /// <summary>One turn in a chat's lane.</summary>
    internal sealed class Lease(ChatSendGate gate, ChatLane lane, bool group) : IDisposable
    {
        /// <summary>Waits until the flood limits allow the next message in this chat.</summary>
        public async Task WaitTurnAsync(CancellationToken cancellationToken)
        {
            var wait = gate.WaitFor(lane, group);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, gate.Clock, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Counts a message that reached Telegram.</summary>
        public void MarkSent()
        {
            var now = gate.Clock.GetUtcNow();
            lane.LastSent = now;
            lane.Recent.Enqueue(now);
            while (lane.Recent.Count > 0 && lane.Recent.Peek() <= now - TimeSpan.FromMinutes(1))
            {
                lane.Recent.Dequeue();
            }
        }

        public void Dispose() => lane.Lock.Release();
    }
}
