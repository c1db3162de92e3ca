using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Telegram.Bot;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Telegram.Adapter;

/// <summary>
/// The conversation's replies for one Telegram message or button press: new messages with <c>sendMessage</c>, the live
/// checklist with <c>editMessageText</c> (throttled by <see cref="ITelegramBot"/>; a slow edit simply means fewer, newer
/// states), the final answer in place of the checklist, long answers split. A warning about a key posted in a group goes
/// to the sender privately when they have started the bot, otherwise to the group (it never holds the key).
/// Telegram failures are logged, not thrown: the update is handled either way.
/// </summary>
internal sealed partial class TelegramReplySink(
    ITelegramBot bot,
    long chatId,
    long userId,
    int? originalMessageId,
    bool isPrivate,
    ILogger logger) : IReplySink
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (long ChatId, int MessageId)? _progress;

    /// <summary>Completes once the first reply (a checklist, help, a refusal, a warning) was handed to Telegram.</summary>
    public Task Answered => _answered.Task;

    /// <summary>Where the rotate-your-key warning went: the user's private chat, the group, or nowhere.</summary>
    public string? ExposureDelivery { get; private set; }

    public async Task SendAsync(Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind == ReplyKind.Exposure && !isPrivate)
        {
            await SendExposureAsync(reply, cancellationToken).ConfigureAwait(false);
            _answered.TrySetResult();
            return;
        }

        var first = await SendPartsAsync(chatId, reply, cancellationToken).ConfigureAwait(false);
        if (reply.Kind == ReplyKind.Progress && first is { } id)
        {
            _progress = (chatId, id);
        }

        _answered.TrySetResult();
        await SendImageAsync(chatId, reply, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (_progress is not { } progress)
        {
            await SendAsync(reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parts = TelegramReplyRenderer.RenderParts(reply);
        var result = await bot.EditMessageTextAsync(progress.ChatId, progress.MessageId, parts[0], parts.Count == 1 ? TelegramReplyRenderer.Keyboard(reply) : null, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            Log.EditFailed(logger, result.Error.ToString());
        }
    }

    public async Task FinishAsync(Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (_progress is not { } progress)
        {
            await SendPartsAsync(chatId, reply, cancellationToken).ConfigureAwait(false);
            _answered.TrySetResult();
            await SendImageAsync(chatId, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        _progress = null;
        var parts = TelegramReplyRenderer.RenderParts(reply);
        var keyboard = TelegramReplyRenderer.Keyboard(reply);
        var edited = await bot.EditMessageTextAsync(progress.ChatId, progress.MessageId, parts[0], parts.Count == 1 ? keyboard : null, cancellationToken).ConfigureAwait(false);
        var next = 1;
        if (!edited.IsSuccess)
        {
            Log.EditFailed(logger, edited.Error.ToString());
            next = 0; // the checklist could not be replaced: send the whole answer as new messages
        }

        for (var i = next; i < parts.Count; i++)
        {
            await SendOneAsync(progress.ChatId, parts[i], i == parts.Count - 1 ? keyboard : null, cancellationToken).ConfigureAwait(false);
        }

        await SendImageAsync(progress.ChatId, reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reply's picture as a photo after its text, captioned with its alt text; a failure is logged and skipped (the text stands alone).</summary>
    private async Task SendImageAsync(long target, Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Image is not { } image || image.Png.IsEmpty)
        {
            return;
        }

        var caption = image.AltText.Length <= 1000 ? image.AltText : image.AltText[..999] + "…";
        var sent = await bot.SendPhotoAsync(target, image.FileName, image.Png, Rendering.TelegramHtml.Escape(caption), cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            Log.PhotoFailed(logger, sent.Error.ToString());
        }
    }

    public async Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken)
    {
        if (isPrivate || originalMessageId is not { } messageId)
        {
            return false;
        }

        var rights = await bot.GetBotRightsAsync(chatId, cancellationToken).ConfigureAwait(false);
        if (!rights.IsSuccess || !rights.Value.CanDeleteMessages)
        {
            Log.MayNotDelete(logger, chatId, rights.IsSuccess ? rights.Value.Status : rights.Error.ToString());
            return false;
        }

        var deleted = await bot.DeleteMessageAsync(chatId, messageId, cancellationToken).ConfigureAwait(false);
        if (!deleted.IsSuccess)
        {
            Log.DeleteFailed(logger, chatId, deleted.Error.ToString());
            return false;
        }

        return deleted.Value is DeleteOutcome.Deleted or DeleteOutcome.NotFound;
    }

    /// <summary>Privately first (works once the user has started the bot); Telegram answers 403 otherwise, and the group hears it instead.</summary>
    private async Task SendExposureAsync(Reply reply, CancellationToken cancellationToken)
    {
        var parts = TelegramReplyRenderer.RenderParts(reply);
        var direct = await bot.SendMessageAsync(userId, parts[0], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (direct.IsSuccess)
        {
            ExposureDelivery = "private";
            for (var i = 1; i < parts.Count; i++)
            {
                await SendOneAsync(userId, parts[i], null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        Log.PrivateWarningFailed(logger, direct.Error.ToString());
        ExposureDelivery = await SendPartsAsync(chatId, reply, cancellationToken).ConfigureAwait(false) is null ? null : "group";
    }

    /// <summary>Sends every part; the keyboard goes on the last. Returns the first part's message id, or null if it failed.</summary>
    private async Task<int?> SendPartsAsync(long target, Reply reply, CancellationToken cancellationToken)
    {
        var parts = TelegramReplyRenderer.RenderParts(reply);
        var keyboard = TelegramReplyRenderer.Keyboard(reply);
        int? first = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var id = await SendOneAsync(target, parts[i], i == parts.Count - 1 ? keyboard : null, cancellationToken).ConfigureAwait(false);
            if (i == 0)
            {
                first = id;
            }
        }

        return first;
    }

    private async Task<int?> SendOneAsync(long target, string html, global::Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        var sent = await bot.SendMessageAsync(target, html, keyboard, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (sent.IsSuccess)
        {
            return sent.Value.MessageId;
        }

        Log.SendFailed(logger, sent.Error.ToString());
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "Telegram: a reply could not be sent ({Error}).")]
        public static partial void SendFailed(ILogger logger, string error);

        [LoggerMessage(21, LogLevel.Warning, "Telegram: a progress message could not be edited ({Error}).")]
        public static partial void EditFailed(ILogger logger, string error);

        [LoggerMessage(22, LogLevel.Information, "Telegram: may not delete a message in chat {ChatId} ({Standing}).")]
        public static partial void MayNotDelete(ILogger logger, long chatId, string standing);

        [LoggerMessage(23, LogLevel.Warning, "Telegram: deleting a message in chat {ChatId} failed ({Error}).")]
        public static partial void DeleteFailed(ILogger logger, long chatId, string error);

        [LoggerMessage(24, LogLevel.Information, "Telegram: the sender has not started the bot ({Error}); warning them in the group instead.")]
        public static partial void PrivateWarningFailed(ILogger logger, string error);

        [LoggerMessage(25, LogLevel.Warning, "Telegram: the reply's picture could not be sent ({Error}); the text was.")]
        public static partial void PhotoFailed(ILogger logger, string error);
    }
}
