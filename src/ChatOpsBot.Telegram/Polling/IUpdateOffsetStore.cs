namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Where the poller keeps how far it got, so a restart neither skips nor repeats an update: the
/// <see cref="UpdateCheckpoint.Offset"/> (every update below it was taken; Telegram is told it with the next getUpdates)
/// and the ids above it that were already taken while an older one was still in progress (skipped when Telegram
/// sends them again). Saved each time it changes, under the bot's id (getMe): update ids count per bot, so an offset
/// of another bot (Telegram:Token switched, same data directory) would make Telegram drop every update below it.
/// </summary>
public interface IUpdateOffsetStore
{
    /// <summary>
    /// The checkpoint stored for <paramref name="botId"/>, or null when none was (then Telegram starts at its earliest
    /// unconfirmed update). A checkpoint of another bot is never returned.
    /// </summary>
    ValueTask<UpdateCheckpoint?> LoadAsync(long botId, CancellationToken cancellationToken);

    ValueTask SaveAsync(long botId, UpdateCheckpoint checkpoint, CancellationToken cancellationToken);
}
