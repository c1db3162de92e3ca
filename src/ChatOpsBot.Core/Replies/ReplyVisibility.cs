namespace ChatOpsBot.Core.Replies;

/// <summary>Who may see a reply: only the user (DM, ephemeral, private chat) or everyone in the channel.</summary>
public enum ReplyVisibility
{
    Private,
    Public,
}
