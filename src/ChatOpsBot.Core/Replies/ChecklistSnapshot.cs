namespace ChatOpsBot.Core.Replies;

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
