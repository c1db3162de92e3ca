using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code parks on it: every timer set with a finite due time (a
/// <c>Task.Delay</c>, a timeout, a periodic timer) bumps <see cref="Parks"/> and wakes <see cref="WaitForParkAsync"/>.
/// A test that must move the clock for code it cannot see into moves it only after that code has parked on the clock
/// again, instead of stepping on a real-time pace.
/// </summary>
public sealed class ParkingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private long _parks;
    private TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many timers were set so far.</summary>
    public long Parks
    {
        get
        {
            lock (_gate)
            {
                return _parks;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Parked();
        }

        return new Observed(timer, this);
    }

    /// <summary>
    /// Waits until more than <paramref name="seen"/> timers have been set or <paramref name="orUntil"/> completes; after
    /// <paramref name="atMost"/> of real time it returns anyway (the caller decides what that means).
    /// </summary>
    public async Task WaitForParkAsync(long seen, Task orUntil, TimeSpan atMost)
    {
        var watch = global::System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Task parked;
            lock (_gate)
            {
                if (_parks > seen || orUntil.IsCompleted)
                {
                    return;
                }

                parked = _parked.Task;
            }

            var left = atMost - watch.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.WhenAny(parked, orUntil, Task.Delay(left));
        }
    }

    private void Parked()
    {
        lock (_gate)
        {
            _parks++;
            _parked.TrySetResult();
            _parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The timer as handed out: a change to a finite due time is a new park.</summary>
    private sealed class Observed(ITimer inner, ParkingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed && dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.Parked();
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
