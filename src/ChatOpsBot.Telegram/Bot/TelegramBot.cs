using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// <see cref="ITelegramBot"/> over Telegram.Bot. Owns the only 429 retry (Telegram.Bot's is switched off in
/// <see cref="TelegramClientFactory"/>), waits on <see cref="TimeProvider"/>, and maps every exception to a scrubbed
/// <see cref="TelegramError"/>.
/// </summary>
public sealed partial class TelegramBot : ITelegramBot
{
    private const int MaxEditSlots = 10_000;

    private readonly TelegramClientFactory _clientFactory;
    private readonly TelegramOptions _options;
    private readonly TelegramChatMigrations _migrations;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TelegramBot> _logger;
    private readonly ChatSendGate _gate;
    private readonly ConcurrentDictionary<(long Chat, int Message), EditSlot> _edits = new();
    private readonly ResiliencePipeline<TelegramError?> _retry;
    private BotIdentity? _me;
    private int _callsInFlight;

    public TelegramBot(
        TelegramClientFactory clientFactory,
        IOptions<TelegramOptions> options,
        TelegramChatMigrations migrations,
        TimeProvider timeProvider,
        ILogger<TelegramBot> logger)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _clientFactory = clientFactory;
        _options = options.Value;
        _migrations = migrations;
        _timeProvider = timeProvider;
        _logger = logger;
        _gate = new ChatSendGate(timeProvider);
        _retry = RetryPipeline();
    }

    /// <summary>
    /// Bot API requests out, each counted until its result is recorded (a sent message marks its chat's flood-limit
    /// turn); the waits before a request (a chat's turn, a 429's retry_after) and the polling's getUpdates are not
    /// counted. A metric, and what a test waits on before it moves a fake clock: a turn is timed on that clock.
    /// </summary>
    public int CallsInFlight => Volatile.Read(ref _callsInFlight);

    /// <summary>Raised whenever <see cref="CallsInFlight"/> changes.</summary>
    public event Action? CallsInFlightChanged;

    /// <summary>The underlying client, for the poller (built on first use).</summary>
    internal ITelegramBotClient Client => _clientFactory.Client;

    public long ResolveChatId(long chatId) => _migrations.Resolve(chatId);

    public async Task<TelegramResult<BotIdentity>> GetMeAsync(CancellationToken cancellationToken)
    {
        if (_me is { } cached)
        {
            return TelegramResult<BotIdentity>.Success(cached);
        }

        var result = await CallAsync("getMe", null, async (_, ct) =>
        {
            var user = await Client.GetMe(ct).ConfigureAwait(false);
            return new BotIdentity(user.Id, user.Username ?? "", user.CanReadAllGroupMessages);
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            _me = result.Value;
        }

        return result;
    }

    public async Task<TelegramResult<bool>> SetCommandsAsync(CancellationToken cancellationToken)
    {
        BotCommandScope[] scopes = [BotCommandScope.AllPrivateChats(), BotCommandScope.AllGroupChats()];
        foreach (var scope in scopes)
        {
            foreach (var (language, commands) in TelegramCommands.ByLanguage)
            {
                var result = await CallAsync("setMyCommands", null, async (_, ct) =>
                {
                    await Client.SetMyCommands(commands, scope: scope, languageCode: language.Length == 0 ? null : language, cancellationToken: ct).ConfigureAwait(false);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }
        }

        return TelegramResult<bool>.Success(true);
    }

    public async Task<TelegramResult<Message>> SendMessageAsync(long chatId, string html, InlineKeyboardMarkup? keyboard = null, int? replyToMessageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(html);
        var target = _migrations.Resolve(chatId);
        using var lease = await _gate.EnterAsync(target, cancellationToken).ConfigureAwait(false);
        await lease.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        var result = await CallAsync("sendMessage", chatId, async (id, ct) =>
        {
            var sent = await Client.SendMessage(
                chatId: id!.Value,
                text: html,
                parseMode: ParseMode.Html,
                replyParameters: replyToMessageId is int reply ? new ReplyParameters { MessageId = reply, AllowSendingWithoutReply = true } : null,
                replyMarkup: keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                cancellationToken: ct).ConfigureAwait(false);
            lease.MarkSent(); // while the request still counts as in flight
            return sent;
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            Remember(result.Value.Chat.Id, result.Value.MessageId).Applied = Fingerprint(html, keyboard);
        }

        return result;
    }

    public async Task<TelegramResult<Message>> SendMessageToAsync(ChatId chat, string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (chat.Identifier is long id)
        {
            return await SendMessageAsync(id, html, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        ArgumentException.ThrowIfNullOrEmpty(html);
        return await CallAsync("sendMessage", null, (_, ct) => Client.SendMessage(
            chatId: chat,
            text: html,
            parseMode: ParseMode.Html,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<TelegramResult<Message>> SendPhotoAsync(ChatId chat, string fileName, ReadOnlyMemory<byte> png, string? captionHtml = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var bytes = png.ToArray();
        if (chat.Identifier is not long id)
        {
            return await CallAsync("sendPhoto", null, (_, ct) => SendPhotoCoreAsync(chat, fileName, bytes, captionHtml, ct), cancellationToken).ConfigureAwait(false);
        }

        var target = _migrations.Resolve(id);
        using var lease = await _gate.EnterAsync(target, cancellationToken).ConfigureAwait(false);
        await lease.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        return await CallAsync("sendPhoto", id, async (resolved, ct) =>
        {
            var sent = await SendPhotoCoreAsync(resolved!.Value, fileName, bytes, captionHtml, ct).ConfigureAwait(false);
            lease.MarkSent(); // while the request still counts as in flight
            return sent;
        }, cancellationToken).ConfigureAwait(false);
    }

    // A fresh stream per attempt: a retried call (429, migration) must send the whole file again.
    private async Task<Message> SendPhotoCoreAsync(ChatId chat, string fileName, byte[] bytes, string? captionHtml, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await Client.SendPhoto(
            chatId: chat,
            photo: InputFile.FromStream(stream, fileName),
            caption: string.IsNullOrEmpty(captionHtml) ? null : captionHtml,
            parseMode: string.IsNullOrEmpty(captionHtml) ? default : ParseMode.Html,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<TelegramResult<EditOutcome>> EditMessageTextAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(html);
        var target = _migrations.Resolve(chatId);
        var slot = Remember(target, messageId);
        var fingerprint = Fingerprint(html, keyboard);
        var version = Interlocked.Increment(ref slot.Version);
        if (slot.Applied == fingerprint)
        {
            return TelegramResult<EditOutcome>.Success(EditOutcome.Unchanged);
        }

        using var lease = await _gate.EnterAsync(target, cancellationToken).ConfigureAwait(false);
        await lease.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref slot.Version) != version)
        {
            return TelegramResult<EditOutcome>.Success(EditOutcome.Superseded);
        }

        if (slot.Applied == fingerprint)
        {
            return TelegramResult<EditOutcome>.Success(EditOutcome.Unchanged);
        }

        var result = await CallAsync("editMessageText", chatId, async (id, ct) =>
        {
            await Client.EditMessageText(
                chatId: id!.Value,
                messageId: messageId,
                text: html,
                parseMode: ParseMode.Html,
                replyMarkup: keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                cancellationToken: ct).ConfigureAwait(false);
            lease.MarkSent(); // while the request still counts as in flight
            return EditOutcome.Edited;
        }, cancellationToken).ConfigureAwait(false);

        if (result.IsSuccess)
        {
            slot.Applied = fingerprint;
            return result;
        }

        if (result.Error.IsBadRequest("message is not modified"))
        {
            slot.Applied = fingerprint;
            return TelegramResult<EditOutcome>.Success(EditOutcome.Unchanged);
        }

        return result;
    }

    public async Task<TelegramResult<DeleteOutcome>> DeleteMessageAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        var result = await CallAsync("deleteMessage", chatId, async (id, ct) =>
        {
            await Client.DeleteMessage(id!.Value, messageId, ct).ConfigureAwait(false);
            return DeleteOutcome.Deleted;
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            _edits.TryRemove((_migrations.Resolve(chatId), messageId), out _);
            return result;
        }

        if (result.Error.IsBadRequest("message can't be deleted"))
        {
            return TelegramResult<DeleteOutcome>.Success(DeleteOutcome.NotAllowed);
        }

        return result.Error.IsBadRequest("message to delete not found")
            ? TelegramResult<DeleteOutcome>.Success(DeleteOutcome.NotFound)
            : result;
    }

    public Task<TelegramResult<bool>> AnswerCallbackQueryAsync(string callbackQueryId, string? text = null, bool showAlert = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callbackQueryId);
        if (text is { Length: > 200 })
        {
            text = text[..199] + "…";
        }

        return CallAsync("answerCallbackQuery", null, async (_, ct) =>
        {
            await Client.AnswerCallbackQuery(callbackQueryId, text: text, showAlert: showAlert, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public async Task<TelegramResult<BotChatRights>> GetBotRightsAsync(long chatId, CancellationToken cancellationToken)
    {
        var me = await GetMeAsync(cancellationToken).ConfigureAwait(false);
        if (!me.IsSuccess)
        {
            return TelegramResult<BotChatRights>.Failure(me.Error);
        }

        var member = await GetChatMemberAsync(chatId, me.Value.Id, cancellationToken).ConfigureAwait(false);
        if (!member.IsSuccess)
        {
            return TelegramResult<BotChatRights>.Failure(member.Error);
        }

        var basicGroup = _migrations.Resolve(chatId) is var id && id < 0 && id > -1_000_000_000_000;
        var rights = member.Value switch
        {
            ChatMemberOwner => new BotChatRights("creator", true, true),
            ChatMemberAdministrator admin => new BotChatRights("administrator", true, admin.CanDeleteMessages || basicGroup),
            _ => new BotChatRights(member.Value.Status.ToString().ToLowerInvariant(), false, false),
        };
        return TelegramResult<BotChatRights>.Success(rights);
    }

    public Task<TelegramResult<ChatMember>> GetChatMemberAsync(long chatId, long userId, CancellationToken cancellationToken) =>
        CallAsync("getChatMember", chatId, (id, ct) => Client.GetChatMember(id!.Value, userId, ct), cancellationToken);

    public Task<TelegramResult<bool>> SendChatActionAsync(long chatId, ChatAction action = ChatAction.Typing, CancellationToken cancellationToken = default) =>
        CallAsync("sendChatAction", chatId, async (id, ct) =>
        {
            await Client.SendChatAction(id!.Value, action, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>setWebhook with the secret token and allowed_updates (webhook mode).</summary>
    internal Task<TelegramResult<bool>> SetWebhookAsync(Uri url, string secretToken, IEnumerable<UpdateType> allowedUpdates, CancellationToken cancellationToken) =>
        CallAsync("setWebhook", null, async (_, ct) =>
        {
            await Client.SetWebhook(url.AbsoluteUri, allowedUpdates: allowedUpdates, secretToken: secretToken, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>deleteWebhook, keeping pending updates (polling mode: a webhook left set makes getUpdates fail with 409).</summary>
    internal Task<TelegramResult<bool>> DeleteWebhookAsync(CancellationToken cancellationToken) =>
        CallAsync("deleteWebhook", null, async (_, ct) =>
        {
            await Client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private EditSlot Remember(long chatId, int messageId)
    {
        if (_edits.Count > MaxEditSlots)
        {
            _edits.Clear(); // forgetting only costs one redundant edit later
        }

        return _edits.GetOrAdd((chatId, messageId), _ => new EditSlot());
    }

    private static string Fingerprint(string html, InlineKeyboardMarkup? keyboard) =>
        keyboard is null ? html : html + "\u0000" + JsonSerializer.Serialize(keyboard, TelegramJson.InlineKeyboardMarkup);

    private sealed class EditSlot
    {
        public long Version;

        public volatile string? Applied;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Telegram {Method} was rate limited: waiting {RetryAfterSeconds} s as Telegram asked (retry {Retry}).")]
        public static partial void RateLimited(ILogger logger, string method, int retryAfterSeconds, int retry);

        [LoggerMessage(2, LogLevel.Information, "Telegram {Method}: chat {OldChatId} became supergroup {NewChatId}; following it.")]
        public static partial void ChatMigrated(ILogger logger, string method, long oldChatId, long newChatId);

        [LoggerMessage(3, LogLevel.Debug, "Telegram {Method} failed: {ErrorCode} {Description}. The caller decides what it means.")]
        public static partial void CallFailed(ILogger logger, string method, int errorCode, string description);
    }

    private InFlight Track()
    {
        Interlocked.Increment(ref _callsInFlight);
        CallsInFlightChanged?.Invoke();
        return new InFlight(this);
    }

    private readonly struct InFlight(TelegramBot bot) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Decrement(ref bot._callsInFlight);
            bot.CallsInFlightChanged?.Invoke();
        }
    }
}
