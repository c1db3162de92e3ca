namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Where the poller keeps how far it got, so a restart neither skips nor repeats an update: the
/// <see cref="UpdateCheckpoint.Offset"/> (every update below it was taken; Telegram is told it with the next getUpdates)
/// and the ids above it that were already taken while an older one was still in progress (skipped when Telegram
/// sends them again). Saved each time it changes.
/// </summary>
public interface IUpdateOffsetStore
{
    /// <summary>The stored checkpoint, or null when none was stored (then Telegram starts at its earliest unconfirmed update).</summary>
    ValueTask<UpdateCheckpoint?> LoadAsync(CancellationToken cancellationToken);

    ValueTask SaveAsync(UpdateCheckpoint checkpoint, CancellationToken cancellationToken);
}
