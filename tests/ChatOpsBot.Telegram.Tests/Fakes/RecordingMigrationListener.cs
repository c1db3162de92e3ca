using System.Collections.Concurrent;
using ChatOpsBot.Telegram.Bot;

namespace ChatOpsBot.Telegram.Tests.Fakes;

internal sealed class RecordingMigrationListener : ITelegramChatMigrationListener
{
    private readonly ConcurrentQueue<(long Old, long New)> _seen = new();

    public IReadOnlyList<(long Old, long New)> Seen => [.. _seen];

    public Task ChatMigratedAsync(long oldChatId, long newChatId, CancellationToken cancellationToken)
    {
        _seen.Enqueue((oldChatId, newChatId));
        return Task.CompletedTask;
    }
}
