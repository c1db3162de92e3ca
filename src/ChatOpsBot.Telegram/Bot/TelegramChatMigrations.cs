using System.Collections.Concurrent;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>Remembers group → supergroup migrations and tells every <see cref="ITelegramChatMigrationListener"/> once per migration.</summary>
public sealed class TelegramChatMigrations(IEnumerable<ITelegramChatMigrationListener> listeners)
{
    private readonly ConcurrentDictionary<long, long> _moved = new();
    private readonly ITelegramChatMigrationListener[] _listeners = [.. listeners];

    /// <summary>The chat id to use now for <paramref name="chatId"/> (follows chains).</summary>
    public long Resolve(long chatId)
    {
        for (var i = 0; i < 8 && _moved.TryGetValue(chatId, out var next); i++)
        {
            chatId = next;
        }

        return chatId;
    }

    /// <summary>Records the migration; the listeners hear of it only the first time.</summary>
    public async Task RecordAsync(long oldChatId, long newChatId, CancellationToken cancellationToken)
    {
        if (oldChatId == newChatId || !_moved.TryAdd(oldChatId, newChatId))
        {
            return;
        }

        foreach (var listener in _listeners)
        {
            await listener.ChatMigratedAsync(oldChatId, newChatId, cancellationToken).ConfigureAwait(false);
        }
    }
}
