namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// Told when a group became a supergroup with a new id — from a <c>migrate_to_chat_id</c> service message or a
/// send answered 400 with <c>parameters.migrate_to_chat_id</c> — so stored chat ids (team settings, monitor
/// destinations) can be moved. The adapter implements it; register it in DI.
/// </summary>
public interface ITelegramChatMigrationListener
{
    Task ChatMigratedAsync(long oldChatId, long newChatId, CancellationToken cancellationToken);
}
