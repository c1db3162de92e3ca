namespace ChatOpsBot.Telegram.Bot;

/// <summary>What became of a delete request.</summary>
public enum DeleteOutcome
{
    Deleted,

    /// <summary>"message can't be deleted": too old (48 h), a service message, or the bot lacks the right.</summary>
    NotAllowed,

    /// <summary>"message to delete not found": already gone.</summary>
    NotFound,
}
