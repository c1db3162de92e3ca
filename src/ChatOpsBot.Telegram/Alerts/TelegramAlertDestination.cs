using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Telegram.Adapter;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Alerts;

/// <summary>
/// <c>telegram:&lt;chat id&gt;</c> (or <c>telegram:@channelusername</c>): sends the alert as HTML through
/// <see cref="ITelegramBot"/> (per-chat flood limits, a group that became a supergroup followed, long alerts split at
/// 4,096). Telegram has no de-duplication key: an answer lost after Telegram accepted the message makes the outbox's
/// retry send it again. An image (<c>Reply.Image</c>) follows as a photo; if that fails the alert still counts as delivered.
/// Needs only the Bot API, not the poller.
/// </summary>
public sealed partial class TelegramAlertDestination : IAlertDestination
{
    public const string SchemeName = "telegram";

    private readonly ITelegramBot _bot;
    private readonly TelegramOptions _options;
    private readonly ILogger<TelegramAlertDestination> _logger;

    public TelegramAlertDestination(ITelegramBot bot, IOptions<TelegramOptions> options, ILogger<TelegramAlertDestination> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bot = bot;
        _options = options.Value;
        _logger = logger;
    }

    public string Scheme => SchemeName;

    public bool IsAvailable => _options.IsConfigured;

    public string? ValidateAddress(string address) => TryParseChat(address, out _, out var problem) ? null : problem;

    public string DescribeAddress(string address) =>
        TryParseChat(address, out var chat, out _) ? $"Telegram chat {chat}" : "Telegram chat (invalid id)";

    public async Task<DeliveryResult> DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!TryParseChat(delivery.Address, out var chat, out var problem))
        {
            return DeliveryResult.Block(problem);
        }

        var shown = chat.ToString();
        if (!_options.IsConfigured)
        {
            Log.NotConfigured(_logger, shown);
            return DeliveryResult.Block("Telegram:Token is not set: the bot cannot send to Telegram chats. Set the bot token from @BotFather.");
        }

        var parts = TelegramReplyRenderer.RenderParts(delivery.Alert);
        for (var i = 0; i < parts.Count; i++)
        {
            var sent = await _bot.SendMessageToAsync(chat, parts[i], cancellationToken).ConfigureAwait(false);
            if (!sent.IsSuccess)
            {
                // A later part failing re-sends the earlier ones on retry: alerts are short enough to be one part.
                return Failed(sent.Error, shown);
            }
        }

        if (chat.Identifier is long id && _bot.ResolveChatId(id) is var now && now != id)
        {
            Log.Migrated(_logger, id, now);
        }

        if (delivery.Alert.Image is { } image && !image.Png.IsEmpty)
        {
            var photo = await _bot.SendPhotoAsync(chat, image.FileName, image.Png, TelegramHtml.Escape(Caption(image.AltText)), cancellationToken).ConfigureAwait(false);
            if (!photo.IsSuccess)
            {
                Log.PhotoFailed(_logger, shown, photo.Error.ToString());
            }
        }

        Log.Delivered(_logger, shown, delivery.Attempt);
        return DeliveryResult.Delivered;
    }

    private DeliveryResult Failed(TelegramError error, string chat)
    {
        var description = error.Description;
        if (error.ErrorCode == 429)
        {
            Log.RateLimited(_logger, chat, error.RetryAfter?.TotalSeconds ?? 0);
            return DeliveryResult.Retry($"Telegram is rate-limiting messages to chat {chat}: trying again later.", error.RetryAfter);
        }

        if (error.IsTransient)
        {
            Log.Transient(_logger, chat, error.ToString());
            return DeliveryResult.Retry($"Telegram did not take the alert for chat {chat} ({error}): trying again later.");
        }

        if (error.IsUnauthorized)
        {
            Log.Refused(_logger, chat, error.ToString());
            return DeliveryResult.Block("Telegram refused the bot token (401 Unauthorized): check Telegram:Token.");
        }

        if (error.ErrorCode == 403)
        {
            Log.Refused(_logger, chat, error.ToString());
            var what = description.Contains("blocked", StringComparison.OrdinalIgnoreCase)
                ? "the user blocked the bot: they must unblock it (or press Start again)"
                : description.Contains("kicked", StringComparison.OrdinalIgnoreCase) || description.Contains("not a member", StringComparison.OrdinalIgnoreCase)
                    ? "the bot was removed from this chat: add it back (in a channel, as an administrator allowed to post)"
                    : description.Contains("initiate conversation", StringComparison.OrdinalIgnoreCase)
                        ? "the user never started the bot: they must open it and press Start"
                        : "add the bot to the chat and let it post there";
            return DeliveryResult.Block($"Telegram will not let the bot post in chat {chat} ({description}): {what}.");
        }

        if (error.IsBadRequest("chat not found"))
        {
            Log.Refused(_logger, chat, error.ToString());
            return DeliveryResult.Block($"Telegram does not know chat {chat} (Bad Request: chat not found): check the id (groups are negative, supergroups and channels start with -100) and that the bot was added to the chat.");
        }

        Log.Refused(_logger, chat, error.ToString());
        return DeliveryResult.Block($"Telegram refused the alert for chat {chat} ({error}).");
    }

    private static string Caption(string altText) => altText.Length <= 1000 ? altText : altText[..999] + "…";

    internal static bool TryParseChat(string? address, out ChatId chat, out string problem)
    {
        var text = address?.Trim() ?? "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id != 0)
        {
            chat = new ChatId(id);
            problem = "";
            return true;
        }

        if (UsernameRegex().IsMatch(text))
        {
            chat = new ChatId(text);
            problem = "";
            return true;
        }

        chat = null!;
        problem = text.Length == 0
            ? "No Telegram chat was given: use telegram:<chat id> (negative for groups, -100… for supergroups and channels) or telegram:@channelusername."
            : "A Telegram chat is a number (negative for groups, -100… for supergroups and channels) or @channelusername (5–32 letters, digits or _).";
        return false;
    }

    [GeneratedRegex("^@[A-Za-z][A-Za-z0-9_]{3,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameRegex();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Alert delivered to Telegram chat {Chat} (attempt {Attempt}).")]
        public static partial void Delivered(ILogger logger, string chat, int attempt);

        [LoggerMessage(2, LogLevel.Warning, "Alert for Telegram chat {Chat} rate-limited; retry after {RetryAfterSeconds} s.")]
        public static partial void RateLimited(ILogger logger, string chat, double retryAfterSeconds);

        [LoggerMessage(3, LogLevel.Warning, "Alert for Telegram chat {Chat} not delivered yet ({Error}); the outbox retries.")]
        public static partial void Transient(ILogger logger, string chat, string error);

        [LoggerMessage(4, LogLevel.Debug, "Alert not delivered: Telegram refused it for chat {Chat} ({Error}). The alert waits in the outbox until the destination is fixed.")]
        public static partial void Refused(ILogger logger, string chat, string error);

        [LoggerMessage(5, LogLevel.Debug, "Alert for Telegram chat {Chat} waits: Telegram:Token is not set.")]
        public static partial void NotConfigured(ILogger logger, string chat);

        [LoggerMessage(6, LogLevel.Warning, "Telegram group {OldChatId} became supergroup {NewChatId}: the alert went there; update the destination to telegram:{NewChatId}.")]
        public static partial void Migrated(ILogger logger, long oldChatId, long newChatId);

        [LoggerMessage(7, LogLevel.Warning, "The alert's chart could not be sent to Telegram chat {Chat} ({Error}); the alert text was delivered.")]
        public static partial void PhotoFailed(ILogger logger, string chat, string error);
    }
}
