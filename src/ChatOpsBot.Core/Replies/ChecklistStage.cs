using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Replies;

/// <summary>One line of the live checklist.</summary>
public sealed record ChecklistStage(DiagnosticStage Stage, StageState State)
{
    public string Label => Stage.Label();

    /// <summary>⬜ pending, ⏳ running, ✅ passed, ⚠️ warning, ❌ failed, ➖ skipped.</summary>
    public string Mark => MarkOf(State);

    public static string MarkOf(StageState state) => state switch
    {
        StageState.Pending => "⬜",
        StageState.Running => "⏳",
        StageState.Passed => "✅",
        StageState.Warning => "⚠️",
        StageState.Failed => "❌",
        _ => "➖",
    };
}
