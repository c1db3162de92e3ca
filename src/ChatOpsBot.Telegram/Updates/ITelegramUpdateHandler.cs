using ChatOpsBot.Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Updates;

/// <summary>
/// The seam the conversation adapter implements: one update at a time, in order, from polling or the webhook.
/// Return when the update is handled (or durably queued): only then is it confirmed to Telegram and its offset
/// stored. An exception is logged (scrubbed) and the update is <b>skipped</b>, not retried — a poison update
/// would otherwise block every later one; cancellation leaves it unconfirmed, so it comes again after a restart.
/// A group's migration to a supergroup arrives separately, through <see cref="ITelegramChatMigrationListener"/>.
/// </summary>
public interface ITelegramUpdateHandler
{
    Task HandleAsync(Update update, ITelegramBot bot, CancellationToken cancellationToken);
}
