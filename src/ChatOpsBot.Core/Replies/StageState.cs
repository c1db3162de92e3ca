namespace ChatOpsBot.Core.Replies;

/// <summary>Where one stage of a provider's diagnosis stands.</summary>
public enum StageState
{
    Pending,
    Running,
    Passed,
    Warning,
    Failed,
    Skipped,
}
