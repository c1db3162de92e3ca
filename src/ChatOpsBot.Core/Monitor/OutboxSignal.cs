using System.Threading.Channels;

namespace ChatOpsBot.Core.Monitor;

/// <summary>Wakes the outbox dispatcher when something was queued (many wakes before it looks fold into one).</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Raised when the dispatcher starts to wait, with how long at most (tests advance fake time after it).</summary>
    internal event Action<TimeSpan?>? Waiting;

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake or until <paramref name="timeout"/> has passed on <paramref name="timeProvider"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan? timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (_wakes.Reader.TryRead(out _))
        {
            return;
        }

        using var timer = timeout is { } t ? new CancellationTokenSource(t < TimeSpan.Zero ? TimeSpan.Zero : t, timeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        Waiting?.Invoke(timeout);
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
