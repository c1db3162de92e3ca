using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Monitor;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Testing.Monitor;

/// <summary>
/// Moves a <see cref="FakeTimeProvider"/> for a running monitor the way a discrete-event simulation does: only while
/// every background loop of the monitor is <em>parked on the clock</em> (each target's loop has finished its check and
/// set its next timer; the outbox dispatcher has nothing to do now and waits for a wake or a timer). A moved clock
/// therefore never lands in the middle of a check or a delivery, where it would fire a request's timeout on the fake
/// clock, and nothing is counted: the loops report their state (<see cref="MonitorScheduler"/>'s <c>Scheduled</c>,
/// <see cref="OutboxSignal"/>'s <c>Waiting</c> and <c>Woken</c>) and this class keeps the latest of each.
/// </summary>
/// <remarks>
/// Real time appears only as a safety net: waiting for the loops to park gives up after <see cref="IdleTimeout"/>
/// with what each loop was doing, so a hang fails with a reason instead of holding the run. A test moves the clock
/// only through this class once the monitor runs (never <c>FakeTimeProvider.Advance</c> directly).
/// </remarks>
public sealed class MonitorClock : IDisposable
{
    /// <summary>How long (real time) to wait for the loops to park before failing: a safety net, never a pace.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly FakeTimeProvider _time;
    private readonly MonitorScheduler _scheduler;
    private readonly OutboxSignal _signal;
    private readonly int _targets;
    private readonly bool _dispatcherRuns;
    private readonly Func<string>? _diagnostics;
    private readonly Func<bool>? _othersQuiet;

    // Per target: when its parked timer is due, or null while its check runs.
    private readonly Dictionary<string, DateTimeOffset?> _targetDue = new(StringComparer.OrdinalIgnoreCase);
    private bool _dispatcherParked;
    private DateTimeOffset? _dispatcherDue;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Subscribe before the host starts, so the first reports are not missed.</summary>
    /// <param name="time">The clock the monitor runs on.</param>
    /// <param name="scheduler">The host's scheduler.</param>
    /// <param name="signal">The host's outbox signal.</param>
    /// <param name="targets">How many targets are configured (each has one loop).</param>
    /// <param name="diagnostics">Extra text (logs) for a failure message.</param>
    /// <param name="othersQuiet">
    /// What else must be quiet before the clock moves, for work outside the monitor that runs timeouts on the same clock
    /// (a chat platform's requests in flight); re-checked whenever the monitor reports or <see cref="OthersChanged"/> is called.
    /// </param>
    public MonitorClock(FakeTimeProvider time, MonitorScheduler scheduler, OutboxSignal signal, int targets, Func<string>? diagnostics = null, Func<bool>? othersQuiet = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(signal);
        _time = time;
        _scheduler = scheduler;
        _signal = signal;
        _targets = targets;
        _dispatcherRuns = targets > 0; // with no target the monitor is off: the dispatcher returns at once
        _diagnostics = diagnostics;
        _othersQuiet = othersQuiet;
        scheduler.Scheduled += OnScheduled;
        signal.Woken += OnWoken;
        signal.Waiting += OnWaiting;
    }

    /// <summary>The dispatcher's timer (a retry or a blocked destination's next try) once all is parked; null: none.</summary>
    public async Task<TimeSpan?> DispatcherWaitAsync()
    {
        await IdleAsync();
        lock (_gate)
        {
            return _dispatcherDue is { } due ? due - _time.GetUtcNow() : null;
        }
    }

    /// <summary>Wakes <see cref="IdleAsync"/> to check <c>othersQuiet</c> again: call it whenever what it reads changes.</summary>
    public void OthersChanged()
    {
        lock (_gate)
        {
            Changed();
        }
    }

    /// <summary>Waits until every loop is parked on the clock (and the others are quiet); woken by reports, never by a pace.</summary>
    public async Task IdleAsync()
    {
        using var bound = new CancellationTokenSource(IdleTimeout); // a safety net only
        var expired = Task.Delay(Timeout.InfiniteTimeSpan, bound.Token);
        while (true)
        {
            Task changed;
            bool parked;
            lock (_gate)
            {
                parked = IsIdle();
                changed = _changed.Task;
            }

            if (parked && (_othersQuiet?.Invoke() ?? true))
            {
                return;
            }

            if (await Task.WhenAny(changed, expired) == expired)
            {
                throw new TimeoutException($"The monitor's loops did not park within {IdleTimeout.TotalSeconds:0} s: {Describe()}\n{_diagnostics?.Invoke()}");
            }
        }
    }

    /// <summary>Once everything is parked, moves the clock by <paramref name="by"/> and waits until everything that came due has run and parked again.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        await IdleAsync();
        lock (_gate)
        {
            var to = _time.GetUtcNow() + by;
            foreach (var (target, due) in _targetDue.ToList())
            {
                if (due <= to)
                {
                    _targetDue[target] = null; // its timer fires now: it runs a check before it parks again
                }
            }

            if (_dispatcherDue <= to)
            {
                _dispatcherParked = false;
            }
        }

        _time.Advance(by); // outside the lock: timers fire here, and their loops may report back on this thread

        await IdleAsync();
    }

    /// <summary>
    /// Runs the simulation until <paramref name="done"/> holds: each round waits until everything is parked, then
    /// moves the clock to the earliest timer (a check or the dispatcher's retry). Fails when nothing is scheduled
    /// within <paramref name="within"/> of fake time that could make it true.
    /// </summary>
    public async Task RunUntilAsync(Func<bool> done, string what, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(done);
        var until = _time.GetUtcNow() + within;
        while (true)
        {
            await IdleAsync();
            if (done())
            {
                return;
            }

            DateTimeOffset? next;
            lock (_gate)
            {
                next = _targetDue.Values.Append(_dispatcherDue).Where(d => d is not null).Min();
            }

            if (next is not { } at || at > until)
            {
                throw new TimeoutException($"Ran the clock {within} ahead and still waited in vain for: {what}. {Describe()}\n{_diagnostics?.Invoke()}");
            }

            await AdvanceAsync(at - _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Runs the clock until the dispatcher has no timer left (every entry delivered, nothing to retry), at most
    /// <paramref name="rounds"/> retries: a retry that would post a duplicate happens here rather than slip by.
    /// </summary>
    public async Task DrainOutboxAsync(int rounds = 10)
    {
        for (var i = 0; ; i++)
        {
            if (await DispatcherWaitAsync() is not { } wait)
            {
                return;
            }

            if (i >= rounds)
            {
                throw new TimeoutException($"The outbox still waits to retry after {rounds} rounds: {Describe()}\n{_diagnostics?.Invoke()}");
            }

            await AdvanceAsync(wait);
        }
    }

    public void Dispose()
    {
        _scheduler.Scheduled -= OnScheduled;
        _signal.Woken -= OnWoken;
        _signal.Waiting -= OnWaiting;
    }

    private bool IsIdle() =>
        _targetDue.Count == _targets && _targetDue.Values.All(d => d is not null) && (!_dispatcherRuns || _dispatcherParked);

    private void OnScheduled(string target, DateTimeOffset due)
    {
        lock (_gate)
        {
            _targetDue[target] = due;
            Changed();
        }
    }

    private void OnWoken()
    {
        lock (_gate)
        {
            _dispatcherParked = false;
            Changed();
        }
    }

    private void OnWaiting(TimeSpan? timeout)
    {
        lock (_gate)
        {
            // The clock stands still while the dispatcher works (it moves only when all is parked), so now + timeout
            // is the time its timer is due. A timer already due is no park: the dispatcher goes round again at once.
            _dispatcherDue = timeout is { } t ? _time.GetUtcNow() + t : null;
            _dispatcherParked = timeout is not { } wait || wait > TimeSpan.Zero;
            Changed();
        }
    }

    private void Changed()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private string Describe()
    {
        lock (_gate)
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"now {_time.GetUtcNow():HH:mm:ss.fff}; targets {_targetDue.Count}/{_targets}");
            foreach (var (target, due) in _targetDue)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {target}: {(due is { } d ? "parked until " + d.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "checking")}");
            }

            text.Append(CultureInfo.InvariantCulture, $"; others quiet: {_othersQuiet?.Invoke().ToString() ?? "n/a"}");
            text.Append(CultureInfo.InvariantCulture, $"; dispatcher: {(!_dispatcherRuns ? "off" : _dispatcherParked ? (_dispatcherDue is { } dd ? "parked until " + dd.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "parked, no timer") : "working")}");
            return text.ToString();
        }
    }
}
