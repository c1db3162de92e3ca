using System.Text;

namespace ChatOpsBot.Core.Replies;

/// <summary>Renders a <see cref="Reply"/> as plain text (the terminal REPL; a fallback for any platform).</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var sb = new StringBuilder();
        if (reply.Cards.Count == 0 || reply.Kind != ReplyKind.Diagnosis)
        {
            AppendLine(sb, reply.Text);
        }

        if (reply.Checklist is { } checklist && reply.Cards.Count == 0)
        {
            sb.Append(RenderChecklist(checklist));
        }

        foreach (var card in reply.Cards)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(RenderCard(card));
        }

        if (reply.Buttons.Count > 0)
        {
            sb.Append('\n').AppendJoin("  ", reply.Buttons.Select(b => $"[{b.Label}]")).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="reply"/> as plain-text messages of at most <paramref name="maxLength"/> characters each
    /// (the platform's limit), split at paragraphs, then lines; each verdict's <c>code: …</c> sits on its
    /// card's first line, so it is never cut off from its verdict.
    /// </summary>
    public static IReadOnlyList<string> RenderChunks(Reply reply, int maxLength) => ReplyFitter.Split(Render(reply), maxLength);

    /// <summary>One line per row: "openai (sk-proj-…a1b2): ✅ Key format · ⏳ Network · ⬜ Key check".</summary>
    public static string RenderChecklist(ChecklistSnapshot checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var sb = new StringBuilder();
        foreach (var row in checklist.Rows)
        {
            var label = row.KeyLabel is null ? "" : $" ({row.KeyLabel})";
            sb.Append(row.Provider.Name).Append(label).Append(": ")
                .AppendJoin(" · ", row.Stages.Select(s => $"{s.Mark} {s.Label}"));
            if (row.Verdict is { } v)
            {
                sb.Append(" — ").Append(v.Title).Append(" (").Append(v.CodeText).Append(')');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A verdict card; its first line always holds <c>code: …</c>.</summary>
    public static string RenderCard(VerdictCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var sb = new StringBuilder();
        var key = card.KeyName is not null ? $"  key {card.KeyName}" + (card.KeyShown is null ? "" : $" ({card.KeyShown})")
            : card.KeyShown is not null ? $"  key {card.KeyShown}" : "";
        sb.Append(ReplyBuilder.Mark(card.Verdict.Severity)).Append(' ').Append(card.Heading)
            .Append(" (").Append(card.Verdict.CodeText).Append(')').Append(key).Append('\n');
        if (!string.IsNullOrEmpty(card.Detail))
        {
            sb.Append("  ").Append(card.Detail).Append('\n');
        }

        if (card.Fields.Count > 0)
        {
            sb.Append("  evidence: ").AppendJoin(" · ", card.Fields.Select(f => $"{f.Name} {f.Value}")).Append('\n');
        }

        foreach (var section in card.Sections)
        {
            sb.Append("  ").Append(section.Heading).Append(":\n");
            foreach (var line in section.Lines)
            {
                sb.Append("    ").Append(line).Append('\n');
            }
        }

        if (card.NextSteps.Count > 0)
        {
            sb.Append("  next steps:\n");
            for (var i = 0; i < card.NextSteps.Count; i++)
            {
                sb.Append("    ").Append(i + 1).Append(". ").Append(card.NextSteps[i]).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static void AppendLine(StringBuilder sb, string text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            sb.Append(text.TrimEnd()).Append('\n');
        }
    }
}
