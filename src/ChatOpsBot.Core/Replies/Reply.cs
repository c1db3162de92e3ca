namespace ChatOpsBot.Core.Replies;

/// <summary>
/// A platform-neutral reply. Adapters render it (Discord embeds and components, Telegram HTML and an inline
/// keyboard, terminal text) and fit it to their own limits (<see cref="ReplyFitter"/> helps).
/// </summary>
public sealed record Reply
{
    public required ReplyKind Kind { get; init; }

    public ReplyVisibility Visibility { get; init; } = ReplyVisibility.Private;

    /// <summary>The message's text: a whole answer for simple replies, an opening line above cards.</summary>
    public string Text { get; init; } = "";

    public IReadOnlyList<VerdictCard> Cards { get; init; } = [];

    /// <summary>The live checklist while a diagnosis runs (and its final state).</summary>
    public ChecklistSnapshot? Checklist { get; init; }

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>An image to show with the reply, where the platform can.</summary>
    public ReplyImage? Image { get; init; }

    /// <summary>The user's message held a key in public: the adapter should delete it (and say so if it cannot).</summary>
    public bool DeleteOriginal { get; init; }

    /// <summary>The worst severity among the cards (for an embed colour); <see cref="ReplySeverity.Info"/> with none.</summary>
    public ReplySeverity Severity => Cards.Count == 0 ? ReplySeverity.Info : Cards.Max(c => c.Verdict.Severity);

    /// <summary>A copy with every text passed through <paramref name="map"/> (the scrubber on the way out).</summary>
    public Reply MapText(Func<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return this with
        {
            Text = map(Text),
            Cards = [.. Cards.Select(c => c with
            {
                Verdict = c.Verdict with { Title = map(c.Verdict.Title) },
                KeyShown = c.KeyShown is null ? null : map(c.KeyShown),
                Detail = map(c.Detail),
                Fields = [.. c.Fields.Select(f => new ReplyField(map(f.Name), map(f.Value)))],
                Sections = [.. c.Sections.Select(s => new ReplySection(map(s.Heading), [.. s.Lines.Select(map)]))],
                NextSteps = [.. c.NextSteps.Select(map)],
            })],
            Checklist = Checklist?.MapText(map),
            Buttons = [.. Buttons.Select(b => b with { Label = map(b.Label) })],
            Image = Image is null ? null : Image with { AltText = map(Image.AltText) },
        };
    }
}
