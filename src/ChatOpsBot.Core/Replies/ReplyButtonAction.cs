namespace ChatOpsBot.Core.Replies;

/// <summary>What pressing a button does.</summary>
public enum ReplyButtonAction
{
    Rerun,
    Details,

    /// <summary>Opens a private key-entry form (a Discord modal; elsewhere: "send me the key privately").</summary>
    EnterKey,
}
