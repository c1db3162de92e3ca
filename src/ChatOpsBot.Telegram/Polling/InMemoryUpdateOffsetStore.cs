namespace ChatOpsBot.Telegram.Polling;

/// <summary>A store that lives as long as the process (tests; Telegram itself keeps unconfirmed updates for 24 h).</summary>
public sealed class InMemoryUpdateOffsetStore : IUpdateOffsetStore
{
    private Saved? _saved;

    public ValueTask<UpdateCheckpoint?> LoadAsync(long botId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Volatile.Read(ref _saved) is { } saved && saved.BotId == botId ? saved.Checkpoint : null);

    public ValueTask SaveAsync(long botId, UpdateCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _saved, new Saved(botId, checkpoint));
        return ValueTask.CompletedTask;
    }

    private sealed record Saved(long BotId, UpdateCheckpoint Checkpoint);
}
