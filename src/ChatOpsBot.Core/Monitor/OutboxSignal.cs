using System.Threading.Channels;

namespace ChatOpsBot.Core.Monitor;

/// <summary>Wakes the outbox dispatcher when something was queued (many wakes before it looks fold into one).</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Orders the two events below as the state changes they report: a wake that lands after the dispatcher parked is
    // always seen after that Waiting, never before it.
    private readonly Lock _gate = new();

    /// <summary>
    /// Raised when the dispatcher parks: nothing is left to do now, and it waits for a wake or at most this long on the
    /// clock (null: no timer). A test moving a fake clock advances only while the dispatcher is parked.
    /// </summary>
    internal event Action<TimeSpan?>? Waiting;

    /// <summary>Raised when something was queued: the dispatcher is about to work (it is not parked any more).</summary>
    internal event Action? Woken;

    public void Wake()
    {
        lock (_gate)
        {
            Woken?.Invoke();
            _wakes.Writer.TryWrite(true);
        }
    }

    /// <summary>Waits for a wake or until <paramref name="timeout"/> has passed on <paramref name="timeProvider"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan? timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        CancellationTokenSource timer;
        lock (_gate)
        {
            if (_wakes.Reader.TryRead(out _))
            {
                return;
            }

            // The timer is set before the dispatcher says it is parked: a clock moved right after counts.
            timer = timeout is { } t ? new CancellationTokenSource(t < TimeSpan.Zero ? TimeSpan.Zero : t, timeProvider) : new CancellationTokenSource();
            Waiting?.Invoke(timeout);
        }

        using var owned = timer;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _wakes.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the time is up: look at the outbox again
        }
    }
}
