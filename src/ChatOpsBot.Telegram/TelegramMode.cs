namespace ChatOpsBot.Telegram;

/// <summary>How updates reach the bot. The two are exclusive on Telegram's side (a poller gets 409 while a webhook is set).</summary>
public enum TelegramMode
{
    /// <summary>Long polling with getUpdates (the default: needs no public endpoint).</summary>
    Polling,

    /// <summary>Telegram POSTs updates to <see cref="TelegramOptions.WebhookUrl"/>.</summary>
    Webhook,
}
