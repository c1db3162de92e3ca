namespace ChatOpsBot.Core.Replies;

/// <summary>
/// Fits text into a platform's limits at sensible boundaries: a blank line first, then a line break, then a space,
/// and only then mid-word. Lengths are in UTF-16 code units (Discord and Telegram both count that way closely
/// enough for these limits); a surrogate pair is never split.
/// </summary>
public static class ReplyFitter
{
    public const string Ellipsis = "…";

    /// <summary>Splits <paramref name="text"/> into chunks of at most <paramref name="max"/> characters, each trimmed of the break it was split at.</summary>
    public static IReadOnlyList<string> Split(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var chunks = new List<string>();
        var rest = text.AsSpan().TrimEnd();
        while (rest.Length > max)
        {
            var cut = BreakAt(rest, max);
            var chunk = rest[..cut].TrimEnd();
            if (chunk.Length > 0)
            {
                chunks.Add(chunk.ToString());
            }

            rest = rest[cut..].TrimStart('\n').TrimStart(' ');
        }

        if (rest.Length > 0 || chunks.Count == 0)
        {
            chunks.Add(rest.ToString());
        }

        return chunks;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="max"/> characters at a sensible boundary, ending in
    /// "…" when anything was cut.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (text.Length <= max)
        {
            return text;
        }

        var span = text.AsSpan(0, max - Ellipsis.Length);
        var cut = BreakAt(text.AsSpan(), max - Ellipsis.Length);
        return string.Concat(span[..cut].TrimEnd(), Ellipsis);
    }

    /// <summary>
    /// Truncates <paramref name="text"/> but keeps its last line (a footer such as <c>code: auth.invalid_key</c>), so
    /// what must always show survives the cut.
    /// </summary>
    public static string TruncateKeepingLastLine(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var newline = text.TrimEnd().LastIndexOf('\n');
        if (newline < 0 || text.Length - newline > max / 2)
        {
            return Truncate(text, max);
        }

        var last = text[newline..].TrimEnd();
        return Truncate(text[..newline], max - last.Length) + last;
    }

    /// <summary>
    /// A copy of <paramref name="card"/> that fits one Discord embed: heading within the title limit, detail within
    /// the description, at most <see cref="ReplyLimits.DiscordEmbedFields"/> fields with names and values clipped, each
    /// section and the next steps within one field value, and everything within <paramref name="totalBudget"/>
    /// (<see cref="ReplyLimits.DiscordEmbedTotal"/> shared by a message's embeds). The verdict's code is untouched:
    /// it goes in the footer, which is short.
    /// </summary>
    public static VerdictCard FitCard(VerdictCard card, int totalBudget = ReplyLimits.DiscordEmbedTotal)
    {
        ArgumentNullException.ThrowIfNull(card);
        var titleRoom = Math.Max(16, ReplyLimits.DiscordEmbedTitle - (card.Heading.Length - card.Verdict.Title.Length));
        var fitted = card with
        {
            Verdict = card.Verdict with { Title = Truncate(card.Verdict.Title, titleRoom) },
            Detail = Truncate(card.Detail, Math.Min(ReplyLimits.DiscordEmbedDescription, 1500)),
            Fields = [.. card.Fields.Take(ReplyLimits.DiscordEmbedFields - card.Sections.Count - 1)
                .Select(f => new ReplyField(Truncate(f.Name, ReplyLimits.DiscordEmbedFieldName), Truncate(f.Value, ReplyLimits.DiscordEmbedFieldValue)))],
            Sections = [.. card.Sections.Take(ReplyLimits.DiscordEmbedFields - 1).Select(s => new ReplySection(
                Truncate(s.Heading, ReplyLimits.DiscordEmbedFieldName),
                FitLines(s.Lines, ReplyLimits.DiscordEmbedFieldValue)))],
            NextSteps = FitLines(card.NextSteps, ReplyLimits.DiscordEmbedFieldValue - (card.NextSteps.Count * 4)),
        };

        // Over the total: shorten the longest parts first (evidence, then checks), never the verdict.
        while (Size(fitted) > totalBudget && fitted.Fields.Count > 0)
        {
            fitted = fitted with { Fields = [.. fitted.Fields.Take(fitted.Fields.Count - 1)] };
        }

        while (Size(fitted) > totalBudget && fitted.Sections.Any(s => s.Lines.Count > 1))
        {
            fitted = fitted with { Sections = [.. fitted.Sections.Select(s => s.Lines.Count > 1 ? new ReplySection(s.Heading, [.. s.Lines.Take(s.Lines.Count - 1)]) : s)] };
        }

        if (Size(fitted) > totalBudget)
        {
            fitted = fitted with { Detail = Truncate(fitted.Detail, Math.Max(2, fitted.Detail.Length - (Size(fitted) - totalBudget))) };
        }

        return fitted;
    }

    /// <summary>The characters a card's texts take (what Discord counts towards an embed's total).</summary>
    public static int Size(VerdictCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Heading.Length + card.Detail.Length + card.Verdict.CodeText.Length + (card.KeyShown?.Length ?? 0) + (card.KeyName?.Length ?? 0)
            + card.Fields.Sum(f => f.Name.Length + f.Value.Length)
            + card.Sections.Sum(s => s.Heading.Length + s.Lines.Sum(l => l.Length + 1))
            + card.NextSteps.Sum(n => n.Length + 4);
    }

    /// <summary>Whole lines while they fit in <paramref name="max"/> characters (joined by line breaks), then "…".</summary>
    private static List<string> FitLines(IReadOnlyList<string> lines, int max)
    {
        var kept = new List<string>();
        var used = 0;
        foreach (var line in lines)
        {
            var clipped = Truncate(line, Math.Max(2, Math.Min(line.Length, max / 2)));
            if (used + clipped.Length + 1 > max - 2)
            {
                kept.Add(Ellipsis);
                break;
            }

            kept.Add(clipped);
            used += clipped.Length + 1;
        }

        return kept;
    }

    /// <summary>Where to cut a span longer than <paramref name="max"/>: the best boundary at or before it.</summary>
    private static int BreakAt(ReadOnlySpan<char> text, int max)
    {
        var window = text[..max];
        var floor = max / 3; // never leave a uselessly short chunk
        var paragraph = window.LastIndexOf("\n\n");
        if (paragraph >= floor)
        {
            return paragraph;
        }

        var line = window.LastIndexOf('\n');
        if (line >= floor)
        {
            return line;
        }

        var space = window.LastIndexOf(' ');
        if (space >= floor)
        {
            return space;
        }

        return char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
    }
}
