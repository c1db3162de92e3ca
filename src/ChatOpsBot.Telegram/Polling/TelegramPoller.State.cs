using System.Threading.Channels;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>The poller's bookkeeping (fetched, in progress, taken, the offset to confirm) and its wake-up signal.</summary>
public sealed partial class TelegramPoller
{
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
}
