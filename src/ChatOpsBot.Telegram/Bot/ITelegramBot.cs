using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// The Bot API operations the adapter needs. Texts are HTML (build them with <c>TelegramHtml</c>, which escapes
/// everything from outside); link previews are off. 429s are waited out here (one layer: Telegram.Bot's own retry is
/// off), sends and edits keep to Telegram's flood limits per chat, a group that became a supergroup is followed.
/// Failures come back as <see cref="TelegramError"/>; only cancellation throws.
/// </summary>
public interface ITelegramBot
{
    /// <summary>getMe, cached after the first success.</summary>
    Task<TelegramResult<BotIdentity>> GetMeAsync(CancellationToken cancellationToken);

    /// <summary>setMyCommands for private chats and groups, in English and each localized language (see <see cref="TelegramCommands"/>).</summary>
    Task<TelegramResult<bool>> SetCommandsAsync(CancellationToken cancellationToken);

    /// <summary>sendMessage with HTML parse mode, no link preview and an optional inline keyboard. <paramref name="html"/> must be at most 4,096 characters: split longer replies first.</summary>
    Task<TelegramResult<Message>> SendMessageAsync(long chatId, string html, InlineKeyboardMarkup? keyboard = null, int? replyToMessageId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// sendMessage to a chat given by id or by <c>@channelusername</c> (public channels and supergroups), HTML, no link
    /// preview. A numeric id goes through <see cref="SendMessageAsync(long, string, InlineKeyboardMarkup?, int?, CancellationToken)"/>.
    /// </summary>
    Task<TelegramResult<Message>> SendMessageToAsync(ChatId chat, string html, CancellationToken cancellationToken);

    /// <summary>
    /// sendPhoto (multipart: the PNG as a file part named <paramref name="fileName"/>), with an optional HTML caption of at
    /// most 1,024 characters; kept to the same per-chat flood limits as messages.
    /// </summary>
    Task<TelegramResult<Message>> SendPhotoAsync(ChatId chat, string fileName, ReadOnlyMemory<byte> png, string? captionHtml = null, CancellationToken cancellationToken = default);

    /// <summary>editMessageText, throttled per chat; identical text is not sent again and only the newest of queued edits of one message is sent.</summary>
    Task<TelegramResult<EditOutcome>> EditMessageTextAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard = null, CancellationToken cancellationToken = default);

    /// <summary>deleteMessage; "can't be deleted" and "not found" are outcomes, not errors.</summary>
    Task<TelegramResult<DeleteOutcome>> DeleteMessageAsync(long chatId, int messageId, CancellationToken cancellationToken);

    /// <summary>answerCallbackQuery (stops the button's spinner); <paramref name="text"/> at most 200 characters, shown as a toast or an alert.</summary>
    Task<TelegramResult<bool>> AnswerCallbackQueryAsync(string callbackQueryId, string? text = null, bool showAlert = false, CancellationToken cancellationToken = default);

    /// <summary>getChatMember of the bot itself: is it an admin allowed to delete messages?</summary>
    Task<TelegramResult<BotChatRights>> GetBotRightsAsync(long chatId, CancellationToken cancellationToken);

    /// <summary>getChatMember of any user (e.g. "is the sender an admin of this group?").</summary>
    Task<TelegramResult<ChatMember>> GetChatMemberAsync(long chatId, long userId, CancellationToken cancellationToken);

    /// <summary>sendChatAction ("typing…" for about 5 s).</summary>
    Task<TelegramResult<bool>> SendChatActionAsync(long chatId, ChatAction action = ChatAction.Typing, CancellationToken cancellationToken = default);

    /// <summary>The id to use for <paramref name="chatId"/>: itself, or the supergroup it migrated to.</summary>
    long ResolveChatId(long chatId);
}
