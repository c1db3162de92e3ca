namespace ChatOpsBot.Core.Replies;

/// <summary>One line of the live checklist (built by <see cref="ReplyBuilder.StageOf"/>).</summary>
/// <param name="Stage">The stage's stable name (<c>Key</c>, <c>Auth</c>, <c>MidjourneyBot</c>): which line this is.</param>
/// <param name="State">Where the stage stands.</param>
/// <param name="Label">What the line says (<c>Key format</c>, <c>Key check</c>).</param>
public sealed record ChecklistStage(string Stage, StageState State, string Label)
{

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
