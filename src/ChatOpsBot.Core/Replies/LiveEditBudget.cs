namespace ChatOpsBot.Core.Replies;

/// <summary>
/// How many live-checklist edits (progress, never a final answer) one adapter sends per second, across all its
/// conversations. Each conversation already edits at most about once a second (Discord's <c>EditInterval</c>,
/// Telegram's per-chat spacing); under a burst (hundreds of diagnoses at once) that alone would still be hundreds of
/// edits a second, each costing rendering, scrubbing and a request, and delaying every final answer behind them. Over
/// the budget a progress state is dropped (the message keeps what it showed) and the final answer, which never asks,
/// replaces it. A sliding one-second window on the <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class LiveEditBudget(TimeProvider time, int perSecond = LiveEditBudget.DefaultPerSecond)
{
    /// <summary>Progress edits per second across all interactions: a few diagnoses at once are all shown live.</summary>
    public const int DefaultPerSecond = 20;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Queue<long> _sent = new();
    private readonly Lock _gate = new();

    public int PerSecond { get; } = Math.Max(1, perSecond);

    /// <summary>Takes a slot for one progress edit now; false when the last second's budget is spent (drop the edit).</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            while (_sent.Count > 0 && time.GetElapsedTime(_sent.Peek(), now) >= Window)
            {
                _sent.Dequeue();
            }

            if (_sent.Count >= PerSecond)
            {
                return false;
            }

            _sent.Enqueue(now);
            return true;
        }
    }
}
