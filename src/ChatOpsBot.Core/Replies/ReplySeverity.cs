namespace ChatOpsBot.Core.Replies;

/// <summary>
/// How bad a verdict is, as chat shows it (a mark, a colour), in rising order. The engine's severity is mapped to it
/// where a reply is built (<see cref="ReplyBuilder"/>); names and values match it, so stored alerts read the same.
/// </summary>
public enum ReplySeverity
{
    Ok = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}
