namespace ChatOpsBot.Core.Conversation;

/// <summary>Where a message came from.</summary>
public enum ChatPlatform
{
    /// <summary>The terminal (<c>chatopsbot chat</c>): its user is the operator.</summary>
    Console,
    Discord,
    Telegram,
}
