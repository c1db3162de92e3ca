using ChatOpsBot.Diagnostics;

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

/// <summary>One provider's row: its stages and, once finished, its verdict.</summary>
public sealed record ChecklistRow(ProviderId Provider, string? KeyLabel, IReadOnlyList<ChecklistStage> Stages, ReplyVerdict? Verdict)
{
    public bool Finished => Verdict is not null;
}

/// <summary>The checklist at one moment. <see cref="Version"/> grows with every change.</summary>
public sealed record ChecklistSnapshot(int Version, IReadOnlyList<ChecklistRow> Rows)
{
    public bool Finished => Rows.All(r => r.Finished);

    public ChecklistSnapshot MapText(Func<string, string> map) => this with
    {
        Rows = [.. Rows.Select(r => r with
        {
            KeyLabel = r.KeyLabel is null ? null : map(r.KeyLabel),
            Verdict = r.Verdict is null ? null : r.Verdict with { Title = map(r.Verdict.Title) },
        })],
    };
}
