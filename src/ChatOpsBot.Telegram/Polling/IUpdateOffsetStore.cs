namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Where the poller keeps the next getUpdates offset (the last handled update_id + 1), so a restart neither skips
/// nor repeats an update. Saved after each handled update, before Telegram is told.
/// </summary>
public interface IUpdateOffsetStore
{
    /// <summary>The stored offset, or null when none was stored (then Telegram starts at its earliest unconfirmed update).</summary>
    ValueTask<int?> LoadAsync(CancellationToken cancellationToken);

    ValueTask SaveAsync(int offset, CancellationToken cancellationToken);
}
