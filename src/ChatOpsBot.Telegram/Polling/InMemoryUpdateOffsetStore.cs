namespace ChatOpsBot.Telegram.Polling;

/// <summary>A store that lives as long as the process (tests; Telegram itself keeps unconfirmed updates for 24 h).</summary>
public sealed class InMemoryUpdateOffsetStore : IUpdateOffsetStore
{
    private UpdateCheckpoint? _checkpoint;

    public ValueTask<UpdateCheckpoint?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Volatile.Read(ref _checkpoint));

    public ValueTask SaveAsync(UpdateCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _checkpoint, checkpoint);
        return ValueTask.CompletedTask;
    }
}
