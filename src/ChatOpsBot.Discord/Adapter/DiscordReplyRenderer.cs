using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Adapter;

/// <summary>
/// Renders a platform-neutral <see cref="Reply"/> as a Discord message: text (a live checklist while a diagnosis runs),
/// one embed per verdict card coloured by severity with <c>code: …</c> in the footer, and buttons in action rows.
/// Everything is cut to Discord's limits; <c>allowed_mentions</c> is empty on every body (<see cref="DiscordMessageBody"/>).
/// </summary>
public static class DiscordReplyRenderer
{
    public const int OkColor = 0x2ECC71;
    public const int InfoColor = 0x3498DB;
    public const int WarnColor = 0xF1C40F;
    public const int ErrorColor = 0xE74C3C;

    private const int ButtonsPerRow = 5;
    private const int MaxRows = 5;
    private const int MaxCustomId = 100;
    private const int MaxLabel = 80;

    public static int ColorOf(Severity severity) => severity switch
    {
        Severity.Ok => OkColor,
        Severity.Warn => WarnColor,
        Severity.Error => ErrorColor,
        _ => InfoColor,
    };

    /// <summary>The message body for <paramref name="reply"/>; <paramref name="flags"/> only for a new interaction message.</summary>
    public static DiscordMessageBody Render(Reply reply, int? flags = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            text.Append(reply.Text.TrimEnd()).Append('\n');
        }

        if (reply.Checklist is { } checklist && reply.Cards.Count == 0)
        {
            text.Append(PlainTextRenderer.RenderChecklist(checklist));
        }

        var cards = reply.Cards.Take(DiscordLimits.EmbedsPerMessage).ToList();
        var budget = cards.Count == 0 ? DiscordLimits.EmbedTotal : (DiscordLimits.EmbedTotal / cards.Count) - 64;
        var embeds = cards.Select(c => Embed(ReplyFitter.FitCard(SplitSections(c), budget))).ToList();
        var content = text.ToString().TrimEnd();
        if (content.Length == 0 && embeds.Count == 0)
        {
            content = "…";
        }

        return new DiscordMessageBody
        {
            Content = ReplyFitter.TruncateKeepingLastLine(content, DiscordLimits.MessageContent),
            Embeds = embeds,
            Components = Buttons(reply.Buttons),
            Flags = flags,
        };
    }

    /// <summary>One verdict card as an embed: heading, detail, evidence fields, checks, next steps, <c>code: …</c> in the footer.</summary>
    public static DiscordEmbed Embed(VerdictCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var description = new StringBuilder();
        if (card.KeyName is not null || card.KeyShown is not null)
        {
            description.Append("Key: ").Append(card.KeyName is null ? card.KeyShown : card.KeyShown is null ? card.KeyName : $"{card.KeyName} ({card.KeyShown})").Append('\n');
        }

        description.Append(card.Detail);
        if (!card.Complete)
        {
            description.Append("\n(The deadline cut this diagnosis short: results are partial.)");
        }

        var fields = new List<DiscordEmbedField>();
        fields.AddRange(card.Fields.Select(f => new DiscordEmbedField(NonEmpty(f.Name), NonEmpty(f.Value), Inline: true)));
        fields.AddRange(card.Sections.Where(s => s.Lines.Count > 0).Select(s => new DiscordEmbedField(NonEmpty(s.Heading), NonEmpty(string.Join("\n", s.Lines)))));
        if (card.NextSteps.Count > 0)
        {
            fields.Add(new DiscordEmbedField("Next steps", string.Join("\n", card.NextSteps.Select((s, i) => $"{i + 1}. {s}"))));
        }

        var embed = new DiscordEmbed
        {
            Title = card.Heading,
            Description = description.Length == 0 ? null : description.ToString().Trim(),
            Color = ColorOf(card.Verdict.Severity),
            Fields = fields,
            Footer = card.Verdict.CodeText,
        };
        return DiscordLimits.Fit(embed);
    }

    /// <summary>Buttons in action rows of five (at most five rows); custom ids and labels cut to Discord's limits.</summary>
    public static JsonArray Buttons(IReadOnlyList<ReplyButton> buttons)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var rows = new JsonArray();
        foreach (var chunk in buttons.Where(b => b.CustomId.Length is > 0 and <= MaxCustomId).DistinctBy(b => b.CustomId, StringComparer.Ordinal).Chunk(ButtonsPerRow).Take(MaxRows))
        {
            rows.Add(new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray([.. chunk.Select(b => (JsonNode)new JsonObject
                {
                    ["type"] = 2,
                    ["style"] = b.Action == ReplyButtonAction.EnterKey ? 1 : 2,
                    ["label"] = DiscordLimits.Truncate(b.Label, MaxLabel),
                    ["custom_id"] = b.CustomId,
                })]),
            });
        }

        return rows;
    }

    /// <summary>
    /// A section longer than one embed field (1024) becomes several fields — the heading, then "heading (continued)" —
    /// so Details shows every check instead of cutting the list after the first 1024 characters.
    /// </summary>
    internal static VerdictCard SplitSections(VerdictCard card)
    {
        if (card.Sections.All(s => string.Join("\n", s.Lines).Length <= DiscordLimits.EmbedFieldValue))
        {
            return card;
        }

        var sections = new List<ReplySection>();
        foreach (var section in card.Sections)
        {
            var chunk = new List<string>();
            var size = 0;
            var heading = section.Heading;
            foreach (var line in section.Lines)
            {
                if (chunk.Count > 0 && size + 1 + line.Length > DiscordLimits.EmbedFieldValue)
                {
                    sections.Add(new ReplySection(heading, chunk));
                    heading = section.Heading + " (continued)";
                    chunk = [];
                    size = 0;
                }

                size += (chunk.Count > 0 ? 1 : 0) + line.Length;
                chunk.Add(line);
            }

            sections.Add(new ReplySection(heading, chunk));
        }

        return card with { Sections = sections };
    }

    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? "—" : text;
}
