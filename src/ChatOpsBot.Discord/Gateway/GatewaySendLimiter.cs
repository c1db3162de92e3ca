namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// Discord allows 120 gateway payloads per connection per 60 s and disconnects (4008) past that. Queued sends use at
/// most <see cref="QueueBudget"/> of them, leaving room for heartbeats, identify and resume, which are never queued
/// (as discord.js does). Per connection: <see cref="Reset"/> on each new one.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time)
{
    public const int Limit = 120;
    public const int QueueBudget = 115;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<long> _sent = new();
    private readonly Lock _gate = new();

    public int SentInWindow
    {
        get
        {
            lock (_gate)
            {
                Trim(time.GetTimestamp());
                return _sent.Count;
            }
        }
    }

    /// <summary>Counts a heartbeat, identify or resume: sent at once, whatever the count.</summary>
    public void RecordPriority()
    {
        lock (_gate)
        {
            _sent.Enqueue(time.GetTimestamp());
        }
    }

    /// <summary>Takes a slot for a queued send (null) or says how long until one frees.</summary>
    public TimeSpan? TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            Trim(now);
            if (_sent.Count < QueueBudget)
            {
                _sent.Enqueue(now);
                return null;
            }

            var wait = Window - time.GetElapsedTime(_sent.ElementAt(_sent.Count - QueueBudget), now);
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _sent.Clear();
        }
    }

    private void Trim(long now)
    {
        while (_sent.Count > 0 && time.GetElapsedTime(_sent.Peek(), now) >= Window)
        {
            _sent.Dequeue();
        }
    }
}
