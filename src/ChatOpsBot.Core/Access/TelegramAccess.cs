namespace ChatOpsBot.Core.Access;

/// <summary><c>Access:Telegram</c>: numeric user ids allowed to use team keys.</summary>
public sealed class TelegramAccess
{
    public List<string> UserIds { get; set; } = [];
}
