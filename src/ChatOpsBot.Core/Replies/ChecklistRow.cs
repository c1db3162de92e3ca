namespace ChatOpsBot.Core.Replies;

/// <summary>One provider's row: its stages and, once finished, its verdict.</summary>
public sealed record ChecklistRow(ReplyProvider Provider, string? KeyLabel, IReadOnlyList<ChecklistStage> Stages, ReplyVerdict? Verdict)
{
    public bool Finished => Verdict is not null;
}
