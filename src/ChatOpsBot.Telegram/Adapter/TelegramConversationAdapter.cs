using System.Globalization;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Updates;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatOpsBot.Telegram.Adapter;

/// <summary>
/// The glue between Telegram updates and the conversation layer. A message (text, or a photo's caption) becomes an
/// <see cref="IncomingMessage"/> (private chat = private: keys are diagnosed there; in groups a key is an exposure), a
/// button press becomes a <see cref="IncomingMessage.ButtonId"/> and is always answered with answerCallbackQuery.
/// Stickers, empty messages and other media get help in a private chat and silence in groups; edited messages are
/// ignored unless an edit put a key into a group, which is treated as an exposure.
/// <para>
/// An update counts as handled once its first reply is out (the pending checklist, at once): the diagnosis then
/// carries on in the background, so one user's slow provider never holds up everyone else's updates. Updates of one
/// chat still run one after another, in order. The price: a crash during a diagnosis leaves its checklist unfinished
/// (the update is not delivered again); stopping the host (disposing the adapter) cancels what is in flight.
/// </para>
/// </summary>
public sealed partial class TelegramConversationAdapter(ConversationService conversation, SecretScrubber scrubber, ILogger<TelegramConversationAdapter> logger)
    : ITelegramUpdateHandler, ITelegramChatMigrationListener, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Task> _chains = [];

    /// <summary>Completes when every conversation started so far has finished (tests and benchmarks wait on it).</summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_chains.Values);
        }
    }

    public async Task HandleAsync(Update update, ITelegramBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(bot);
        switch (update)
        {
            case { CallbackQuery: { } query }:
                await HandleCallbackAsync(query, bot, cancellationToken).ConfigureAwait(false);
                break;
            case { Message: { } message }:
                await HandleMessageAsync(message, edited: false, bot, cancellationToken).ConfigureAwait(false);
                break;
            case { EditedMessage: { } message }:
                await HandleMessageAsync(message, edited: true, bot, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Log.Ignored(logger, update.Id, update.Type);
                break;
        }
    }

    public Task ChatMigratedAsync(long oldChatId, long newChatId, CancellationToken cancellationToken)
    {
        // ITelegramBot already sends to the new id (ResolveChatId); replies in flight follow it. Nothing is stored per chat yet.
        Log.Migrated(logger, oldChatId, newChatId);
        return Task.CompletedTask;
    }

    private async Task HandleMessageAsync(Message message, bool edited, ITelegramBot bot, CancellationToken cancellationToken)
    {
        if (message.Chat is null || message.From is not { IsBot: false } from || message.MigrateToChatId is not null || message.MigrateFromChatId is not null)
        {
            return; // channel posts, other bots, service messages (a migration is followed by the dispatcher)
        }

        var isPrivate = message.Chat.Type == ChatType.Private;
        var text = message.Text ?? message.Caption;
        if (edited && (isPrivate || KeyIntake.Scan(text).Keys.Count == 0))
        {
            Log.EditIgnored(logger, message.Chat.Id);
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            if (!isPrivate || !IsUserContent(message.Type))
            {
                return;
            }

            text = ""; // a sticker, a photo without caption, blank text: the conversation answers with help
        }

        var me = await bot.GetMeAsync(cancellationToken).ConfigureAwait(false);
        var incoming = new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Telegram, from.Id.ToString(CultureInfo.InvariantCulture), []),
            IsPrivate = isPrivate,
            Place = new ChatPlace(message.Chat.Id.ToString(CultureInfo.InvariantCulture)),
            Text = text,
            MessageId = message.MessageId.ToString(CultureInfo.InvariantCulture),
            BotUsername = me.IsSuccess ? me.Value.Username : null,
        };
        var sink = new TelegramReplySink(bot, message.Chat.Id, from.Id, message.MessageId, isPrivate, logger);
        await StartAsync(message.Chat.Id, incoming, sink, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleCallbackAsync(CallbackQuery query, ITelegramBot bot, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Id) || query.From is null)
        {
            return; // malformed: nothing to answer, nobody to answer
        }

        var data = query.Data;
        if (!CommandIds.IsButton(data) || query.Message is not { Chat: not null } message)
        {
            await AnswerAsync(bot, query.Id, "This button no longer works. Run /diagnose again.", cancellationToken).ConfigureAwait(false);
            return;
        }

        // Answered at once (stops the spinner; Telegram gives ~15 s), before anything that could fail.
        await AnswerAsync(bot, query.Id, null, cancellationToken).ConfigureAwait(false);
        var isPrivate = message.Chat.Type == ChatType.Private;
        var incoming = new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Telegram, query.From.Id.ToString(CultureInfo.InvariantCulture), []),
            IsPrivate = isPrivate,
            Place = new ChatPlace(message.Chat.Id.ToString(CultureInfo.InvariantCulture)),
            ButtonId = data,
        };
        var sink = new TelegramReplySink(bot, message.Chat.Id, query.From.Id, null, isPrivate, logger);
        await StartAsync(message.Chat.Id, incoming, sink, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the conversation after the chat's previous one; returns once it answered (or ended). The conversation runs
    /// on the adapter's own token, not the update's: a webhook request's token must not reach past its response.
    /// </summary>
    private async Task StartAsync(long chatId, IncomingMessage incoming, TelegramReplySink sink, CancellationToken cancellationToken)
    {
        Task run;
        lock (_gate)
        {
            var previous = _chains.TryGetValue(chatId, out var last) ? last : Task.CompletedTask;
            run = RunAfterAsync(previous, incoming, sink, _stopping.Token);
            _chains[chatId] = run;
        }

        _ = run.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    if (_chains.TryGetValue(chatId, out var current) && current == finished)
                    {
                        _chains.Remove(chatId);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var answered = sink.Answered.WaitAsync(waiting.Token);
            await Task.WhenAny(run, answered).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false); // releases the wait's registration on the update's token
        }

        if (run.IsCompleted)
        {
            await run.ConfigureAwait(false);
        }
        else if (!sink.Answered.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested(); // not answered yet: the update stays unconfirmed
        }
    }

    /// <summary>Cancels the conversations still running (the host is stopping). DI disposes it once per registration: idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task RunAfterAsync(Task previous, IncomingMessage incoming, TelegramReplySink sink, CancellationToken cancellationToken)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the previous conversation logged its own failure; this one still runs
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        try
        {
            await conversation.HandleAsync(incoming, sink, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a conversation running in the background must not die unobserved
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ConversationFailed(logger, ScrubbedException.From(ex, scrubber), incoming.User.Platform);
        }
    }

    private async Task AnswerAsync(ITelegramBot bot, string queryId, string? text, CancellationToken cancellationToken)
    {
        var answered = await bot.AnswerCallbackQueryAsync(queryId, text, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!answered.IsSuccess)
        {
            Log.AnswerFailed(logger, answered.Error.ToString());
        }
    }

    private static bool IsUserContent(MessageType type) => type is MessageType.Text or MessageType.Sticker or MessageType.Photo
        or MessageType.Document or MessageType.Video or MessageType.Voice or MessageType.Audio or MessageType.Animation or MessageType.VideoNote;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Telegram update {UpdateId} ({UpdateType}) is not for the conversation: ignored.")]
        public static partial void Ignored(ILogger logger, int updateId, UpdateType updateType);

        [LoggerMessage(2, LogLevel.Debug, "Telegram: an edited message in chat {ChatId} ignored.")]
        public static partial void EditIgnored(ILogger logger, long chatId);

        [LoggerMessage(3, LogLevel.Warning, "Telegram: answerCallbackQuery failed ({Error}).")]
        public static partial void AnswerFailed(ILogger logger, string error);

        [LoggerMessage(5, LogLevel.Error, "Telegram: a conversation failed for a user on {Platform}.")]
        public static partial void ConversationFailed(ILogger logger, Exception exception, ChatPlatform platform);

        [LoggerMessage(4, LogLevel.Information, "Telegram: replies for chat {OldChatId} now go to supergroup {NewChatId}.")]
        public static partial void Migrated(ILogger logger, long oldChatId, long newChatId);
    }
}
