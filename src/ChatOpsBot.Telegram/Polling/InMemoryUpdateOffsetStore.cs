namespace ChatOpsBot.Telegram.Polling;

/// <summary>The default store: lives as long as the process (Telegram itself keeps unconfirmed updates for 24 h).</summary>
public sealed class InMemoryUpdateOffsetStore : IUpdateOffsetStore
{
    private long _offset = long.MinValue;

    public ValueTask<int?> LoadAsync(CancellationToken cancellationToken)
    {
        var value = Interlocked.Read(ref _offset);
        return ValueTask.FromResult(value == long.MinValue ? null : (int?)value);
    }

    public ValueTask SaveAsync(int offset, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _offset, offset);
        return ValueTask.CompletedTask;
    }
}
