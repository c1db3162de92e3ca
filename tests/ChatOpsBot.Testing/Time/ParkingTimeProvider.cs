using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code parks on it: every timer set with a finite due time (a
/// <c>Task.Delay</c>, a timeout, a periodic timer) bumps <see cref="Parks"/> and wakes <see cref="WaitForParkAsync"/>;
/// <see cref="Armed"/> counts the timers set and not yet fired, changed off or disposed, and <see cref="Fires"/> the
/// callbacks run. A test that must move the clock for code it cannot see into moves it only after that code has parked
/// on the clock (again), instead of stepping on a real-time pace.
/// </summary>
public sealed class ParkingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private long _parks;
    private long _fires;
    private int _armed;
    private TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<Observed, DateTimeOffset> _due = [];

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

    /// <summary>How many timer callbacks have run so far.</summary>
    public long Fires => Interlocked.Read(ref _fires);

    /// <summary>How many timers are set and pending now: code is parked on the clock.</summary>
    public int Armed
    {
        get
        {
            lock (_gate)
            {
                return _armed;
            }
        }
    }

    /// <summary>When the earliest pending timer is due, or null when no code is parked on the clock.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _due.Count == 0 ? null : _due.Values.Min();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var observed = new Observed(this, period);
        observed.Inner = base.CreateTimer(s =>
        {
            Interlocked.Increment(ref _fires);
            observed.Fired();
            callback(s);
        }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        observed.Change(dueTime, period);
        return observed;
    }

    /// <summary>
    /// Waits until more than <paramref name="seen"/> timers have been set or <paramref name="orUntil"/> completes: a
    /// signal, not a pace. <paramref name="atMost"/> of real time is a safety net: when it passes, the wait fails with
    /// <paramref name="what"/>.
    /// </summary>
    public Task WaitForParkAsync(long seen, Task orUntil, TimeSpan atMost, string what) =>
        WaitAsync(() => _parks > seen, orUntil, atMost, $"a timer set after the {seen} seen, or {what}");

    /// <summary>Waits until some timer is set and pending (code is parked on the clock) or <paramref name="orUntil"/> completes.</summary>
    public Task WaitForArmedAsync(Task orUntil, TimeSpan atMost, string what) =>
        WaitAsync(() => _armed > 0, orUntil, atMost, $"a timer pending, or {what}");

    private async Task WaitAsync(Func<bool> condition, Task orUntil, TimeSpan atMost, string what)
    {
        ArgumentNullException.ThrowIfNull(orUntil);
        using var bound = new CancellationTokenSource(atMost);
        var expired = Task.Delay(Timeout.InfiniteTimeSpan, bound.Token);
        while (true)
        {
            Task parked;
            lock (_gate)
            {
                if (condition() || orUntil.IsCompleted)
                {
                    return;
                }

                parked = _parked.Task;
            }

            if (await Task.WhenAny(parked, orUntil, expired) == expired)
            {
                lock (_gate)
                {
                    if (condition() || orUntil.IsCompleted)
                    {
                        return;
                    }
                }

                throw new TimeoutException($"Waited {atMost.TotalSeconds:0} s of real time in vain for {what}; clock at {GetUtcNow():HH:mm:ss.fff}, {Parks} timer(s) set so far.");
            }
        }
    }

    private void Set(Observed timer, ref bool armed, bool now, bool park, TimeSpan dueIn = default)
    {
        lock (_gate)
        {
            if (now)
            {
                _due[timer] = GetUtcNow() + dueIn;
            }
            else
            {
                _due.Remove(timer);
            }

            if (armed != now)
            {
                _armed += now ? 1 : -1;
                armed = now;
            }

            if (park)
            {
                _parks++;
            }

            _parked.TrySetResult();
            _parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The timer as handed out: a change to a finite due time is a new park; firing (one-shot) or disposing disarms it.</summary>
    private sealed class Observed(ParkingTimeProvider owner, TimeSpan period) : ITimer
    {
        private bool _armed;
        private TimeSpan _period = period;

        public ITimer Inner { get; set; } = null!;

        public void Fired()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                owner.Set(this, ref _armed, false, park: false);
            }
            else
            {
                owner.Set(this, ref _armed, true, park: false, _period); // a periodic timer is due again one period on
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            var finite = dueTime != Timeout.InfiniteTimeSpan;
            owner.Set(this, ref _armed, finite, park: finite, dueTime); // before the change: a due time of zero fires at once
            var changed = Inner.Change(dueTime, period);
            if (!changed)
            {
                owner.Set(this, ref _armed, false, park: false);
            }

            return changed;
        }

        public void Dispose()
        {
            owner.Set(this, ref _armed, false, park: false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Set(this, ref _armed, false, park: false);
            return Inner.DisposeAsync();
        }
    }
}
