namespace ChatOpsBot.Telegram.Bot;

/// <summary>What became of an edit request.</summary>
public enum EditOutcome
{
    /// <summary>Telegram applied the new text.</summary>
    Edited,

    /// <summary>The text and keyboard were already those: no call made, or Telegram answered "message is not modified".</summary>
    Unchanged,

    /// <summary>A newer edit of the same message arrived while this one waited for its turn: only the newest is sent.</summary>
    Superseded,
}
