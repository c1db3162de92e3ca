using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Replies;

/// <summary>Who may see a reply: only the user (DM, ephemeral, private chat) or everyone in the channel.</summary>
public enum ReplyVisibility
{
    Private,
    Public,
}

/// <summary>What a reply is, so an adapter can choose a colour or a layout.</summary>
public enum ReplyKind
{
    Help,
    Info,
    Refusal,
    Progress,
    Diagnosis,
    Details,

    /// <summary>A key was posted where others can see it: rotate it.</summary>
    Exposure,

    /// <summary>A monitored team key broke (or is still broken, or broke differently): red or amber by severity.</summary>
    Alert,

    /// <summary>A monitored team key works again (<c>code: ok</c>): green.</summary>
    Recovery,
}

/// <summary>
/// A small picture that goes with a reply (the <c>/status</c> availability chart). Platforms that show images attach
/// it (Discord: a file referenced from the embed; Telegram: a photo); the others ignore it, so the text must stand alone.
/// </summary>
/// <param name="FileName">A plain ASCII file name ending in <c>.png</c>.</param>
/// <param name="Png">The PNG bytes (a few tens of KB at most).</param>
/// <param name="AltText">What the picture shows, in words.</param>
public sealed record ReplyImage(string FileName, ReadOnlyMemory<byte> Png, string AltText);

/// <summary>A verdict as chat shows it. <see cref="CodeText"/> (<c>code: auth.invalid_key</c>) goes on every rendering.</summary>
public sealed record ReplyVerdict(string Code, Severity Severity, string Title)
{
    public string CodeText => $"code: {Code}";
}

/// <summary>A name/value fact (evidence: status, request id, rate-limit headroom).</summary>
public sealed record ReplyField(string Name, string Value);

/// <summary>A titled block of lines (checks, timing).</summary>
public sealed record ReplySection(string Heading, IReadOnlyList<string> Lines);

/// <summary>What pressing a button does.</summary>
public enum ReplyButtonAction
{
    Rerun,
    Details,

    /// <summary>Opens a private key-entry form (a Discord modal; elsewhere: "send me the key privately").</summary>
    EnterKey,
}

/// <summary>A button; <see cref="CustomId"/> comes from <see cref="Commands.CommandIds"/> and comes back on press.</summary>
public sealed record ReplyButton(string Label, string CustomId, ReplyButtonAction Action);

/// <summary>One provider's result: verdict, evidence, checks and next steps.</summary>
public sealed record VerdictCard
{
    public required ProviderId Provider { get; init; }

    public required ReplyVerdict Verdict { get; init; }

    /// <summary>The key's shown form, or null.</summary>
    public string? KeyShown { get; init; }

    /// <summary>The team key's name when one was used.</summary>
    public string? KeyName { get; init; }

    /// <summary>What was seen, a sentence or two (provider messages already scrubbed).</summary>
    public string Detail { get; init; } = "";

    public IReadOnlyList<ReplyField> Fields { get; init; } = [];

    public IReadOnlyList<ReplySection> Sections { get; init; } = [];

    public IReadOnlyList<string> NextSteps { get; init; } = [];

    /// <summary>False when the deadline cut the diagnosis short.</summary>
    public bool Complete { get; init; } = true;

    public long ElapsedMs { get; init; }

    /// <summary>The card's heading: "OpenAI — The key was rejected".</summary>
    public string Heading => $"{Provider.DisplayName()} — {Verdict.Title}";
}

/// <summary>
/// A platform-neutral reply. Adapters render it (Discord embeds and components, Telegram HTML and an inline
/// keyboard, terminal text) and fit it to their limits with <see cref="ReplyFitter"/>.
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

    /// <summary>The worst severity among the cards (for an embed colour); <see cref="Severity.Info"/> with none.</summary>
    public Severity Severity => Cards.Count == 0 ? Severity.Info : Cards.Max(c => c.Verdict.Severity);

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
