using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Telegram.Bot;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatOpsBot.Telegram.Updates;

/// <summary>
/// Hands one update to the <see cref="ITelegramUpdateHandler"/> (shared by polling and the webhook): follows a
/// <c>migrate_to_chat_id</c> service message first, and turns a handler's exception into one scrubbed log line.
/// </summary>
public sealed partial class TelegramUpdateDispatcher(
    ITelegramUpdateHandler handler,
    ITelegramBot bot,
    TelegramChatMigrations migrations,
    SecretScrubber scrubber,
    ILogger<TelegramUpdateDispatcher> logger)
{
    /// <summary>True when the handler finished, false when it threw (the update is skipped). Cancellation propagates.</summary>
    public async Task<bool> DispatchAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Message is { MigrateToChatId: long newChatId, Chat: not null } message)
        {
            Log.Migrated(logger, message.Chat.Id, newChatId);
            await migrations.RecordAsync(message.Chat.Id, newChatId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await handler.HandleAsync(update, bot, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // the boundary: one handler's failure must not stop the updates after it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(logger, ScrubbedException.From(ex, scrubber), update.Id, update.Type);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Telegram update {UpdateId} ({UpdateType}) failed in its handler; it is skipped, not retried.")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, int updateId, UpdateType updateType);

        [LoggerMessage(2, LogLevel.Information, "Telegram chat {OldChatId} became supergroup {NewChatId}.")]
        public static partial void Migrated(ILogger logger, long oldChatId, long newChatId);
    }
}
