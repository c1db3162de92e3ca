using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// Remembers group → supergroup migrations and tells every <see cref="ITelegramChatMigrationListener"/> once per migration.
/// The listeners are looked up at the first migration, not at construction: they use the bot that uses this class
/// (the adapter → conversation → monitor → alert destinations → bot), so taking them in the constructor would be a
/// dependency cycle that blocks the host at start.
/// </summary>
public sealed class TelegramChatMigrations(IServiceProvider services)
{
    private readonly ConcurrentDictionary<long, long> _moved = new();
    private readonly Lazy<ITelegramChatMigrationListener[]> _listeners = new(() => [.. services.GetServices<ITelegramChatMigrationListener>()]);

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

        foreach (var listener in _listeners.Value)
        {
            await listener.ChatMigratedAsync(oldChatId, newChatId, cancellationToken).ConfigureAwait(false);
        }
    }
}
