using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>
/// Fits a <see cref="VerdictCard"/> into one Discord embed (<see cref="DiscordLimits"/>), cutting with
/// <see cref="ReplyFitter"/> at sensible boundaries so the verdict and its code always survive.
/// </summary>
public static class DiscordCardFitter
{
    /// <summary>
    /// A copy of <paramref name="card"/> that fits one Discord embed: heading within the title limit, detail within
    /// the description, at most <see cref="DiscordLimits.EmbedFields"/> fields with names and values clipped, each
    /// section and the next steps within one field value, and everything within <paramref name="totalBudget"/>
    /// (<see cref="DiscordLimits.EmbedTotal"/> shared by a message's embeds). The verdict's code is untouched:
    /// it goes in the footer, which is short.
    /// </summary>
    public static VerdictCard Fit(VerdictCard card, int totalBudget = DiscordLimits.EmbedTotal)
    {
        ArgumentNullException.ThrowIfNull(card);
        var titleRoom = Math.Max(16, DiscordLimits.EmbedTitle - (card.Heading.Length - card.Verdict.Title.Length));
        var fitted = card with
        {
            Verdict = card.Verdict with { Title = ReplyFitter.Truncate(card.Verdict.Title, titleRoom) },
            Detail = ReplyFitter.Truncate(card.Detail, Math.Min(DiscordLimits.EmbedDescription, 1500)),
            Fields = [.. card.Fields.Take(DiscordLimits.EmbedFields - card.Sections.Count - 1)
                .Select(f => new ReplyField(ReplyFitter.Truncate(f.Name, DiscordLimits.EmbedFieldName), ReplyFitter.Truncate(f.Value, DiscordLimits.EmbedFieldValue)))],
            Sections = [.. card.Sections.Take(DiscordLimits.EmbedFields - 1).Select(s => new ReplySection(
                ReplyFitter.Truncate(s.Heading, DiscordLimits.EmbedFieldName),
                FitLines(s.Lines, DiscordLimits.EmbedFieldValue)))],
            NextSteps = FitLines(card.NextSteps, DiscordLimits.EmbedFieldValue - (card.NextSteps.Count * 4)),
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
            fitted = fitted with { Detail = ReplyFitter.Truncate(fitted.Detail, Math.Max(2, fitted.Detail.Length - (Size(fitted) - totalBudget))) };
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
            var clipped = ReplyFitter.Truncate(line, Math.Max(2, Math.Min(line.Length, max / 2)));
            if (used + clipped.Length + 1 > max - 2)
            {
                kept.Add(ReplyFitter.Ellipsis);
                break;
            }

            kept.Add(clipped);
            used += clipped.Length + 1;
        }

        return kept;
    }
}
