namespace ChatOpsBot.Core.Replies;

/// <summary>Platform length limits (platforms.md): what a rendered reply must fit.</summary>
public static class ReplyLimits
{
    /// <summary>Discord message content.</summary>
    public const int DiscordContent = 2000;
    public const int DiscordEmbedTitle = 256;
    public const int DiscordEmbedDescription = 4096;
    public const int DiscordEmbedFields = 25;
    public const int DiscordEmbedFieldName = 256;
    public const int DiscordEmbedFieldValue = 1024;
    public const int DiscordEmbedFooter = 2048;

    /// <summary>All embed texts of one message together.</summary>
    public const int DiscordEmbedTotal = 6000;

    /// <summary>Telegram message text (after entity parsing).</summary>
    public const int TelegramMessage = 4096;
}
