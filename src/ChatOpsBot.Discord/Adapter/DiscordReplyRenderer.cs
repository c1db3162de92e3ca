using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Replies;
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

    /// <summary>An alert whose verdict is a warning (amber, apart from a diagnosis's yellow warning).</summary>
    public const int AmberColor = 0xF39C12;

    public static int ColorOf(ReplySeverity severity) => severity switch
    {
        ReplySeverity.Ok => OkColor,
        ReplySeverity.Warn => WarnColor,
        ReplySeverity.Error => ErrorColor,
        _ => InfoColor,
    };

    /// <summary>
    /// The embed colour of a card in a reply of <paramref name="kind"/>: a recovery notice is green, an alert red for an
    /// error and amber for a warning, a test alert green; other replies colour by severity (<see cref="ColorOf(ReplySeverity)"/>).
    /// </summary>
    public static int ColorOf(ReplyKind kind, ReplySeverity severity) => kind switch
    {
        ReplyKind.Recovery or ReplyKind.AlertTest => OkColor,
        ReplyKind.Alert => severity == ReplySeverity.Warn ? AmberColor : severity == ReplySeverity.Ok ? OkColor : ErrorColor,
        _ => ColorOf(severity),
    };

    /// <summary>
    /// The message body for <paramref name="reply"/>; <paramref name="flags"/> only for a new interaction message.
    /// Alerts and recovery notices are coloured embeds (a card-less one gets an embed of its text; a recovery notice
    /// always shows <c>code: ok</c>). <see cref="Reply.Image"/> is uploaded as <c>files[0]</c> and shown in the last
    /// embed through <c>attachment://</c>.
    /// </summary>
    public static DiscordMessageBody Render(Reply reply, int? flags = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind is ReplyKind.Alert or ReplyKind.Recovery or ReplyKind.AlertTest)
        {
            return WithImage(RenderAlert(reply), reply.Image);
        }

        return WithImage(RenderReply(reply, flags), reply.Image);
    }

    private static DiscordMessageBody RenderReply(Reply reply, int? flags)
    {
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
        var embeds = cards.Select(c => Embed(DiscordCardFitter.Fit(SplitSections(c), budget))).ToList();
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

    /// <summary>
    /// An alert or recovery notice: the text as content (what a push notification shows), each card an embed coloured by
    /// <see cref="ColorOf(ReplyKind, ReplySeverity)"/> with <c>code: …</c> in its footer; no buttons (an alert's channel may
    /// not be where the diagnosis ran). A recovery without a card still says <c>code: ok</c>.
    /// </summary>
    private static DiscordMessageBody RenderAlert(Reply reply)
    {
        var text = reply.Text.Trim();
        var cards = reply.Cards.Take(DiscordLimits.EmbedsPerMessage).ToList();
        List<DiscordEmbed> embeds;
        if (cards.Count == 0)
        {
            var lines = text.Split('\n', 2, StringSplitOptions.TrimEntries);
            // A card-less alert that says it is fine (a recovery, the /alerts test message) is not painted red.
            var severity = reply.Kind is ReplyKind.Recovery or ReplyKind.AlertTest ? ReplySeverity.Ok : ReplySeverity.Error;
            embeds =
            [
                DiscordLimits.Fit(new DiscordEmbed
                {
                    Title = lines[0].Length == 0 ? (reply.Kind == ReplyKind.Recovery ? "Recovered" : "Alert") : lines[0],
                    Description = lines.Length > 1 && lines[1].Length > 0 ? lines[1] : null,
                    Color = ColorOf(reply.Kind, severity),
                    Footer = severity == ReplySeverity.Ok ? ReplyVerdict.Ok.CodeText : null,
                }),
            ];
            text = "";
        }
        else
        {
            var budget = (DiscordLimits.EmbedTotal / cards.Count) - 64;
            embeds = [.. cards.Select(c => Embed(DiscordCardFitter.Fit(SplitSections(c), budget)) with { Color = ColorOf(reply.Kind, c.Verdict.Severity) })];
        }

        return new DiscordMessageBody
        {
            Content = text.Length == 0 ? null : ReplyFitter.TruncateKeepingLastLine(text, DiscordLimits.MessageContent),
            Embeds = embeds,
        };
    }

    /// <summary>Attaches <paramref name="image"/> as <c>files[0]</c> and shows it in the last embed (a new one when there is none or it already shows one).</summary>
    private static DiscordMessageBody WithImage(DiscordMessageBody body, ReplyImage? image)
    {
        if (image is null || image.Png.IsEmpty)
        {
            return body;
        }

        var file = new DiscordFile(SafeFileName(image.FileName), image.Png, "image/png", image.AltText);
        var embeds = (body.Embeds ?? []).ToList();
        if (embeds.Count > 0 && embeds[^1].ImageUrl is null)
        {
            embeds[^1] = embeds[^1] with { ImageUrl = file.AttachmentUrl };
        }
        else if (embeds.Count < DiscordLimits.EmbedsPerMessage)
        {
            embeds.Add(new DiscordEmbed { ImageUrl = file.AttachmentUrl, Color = InfoColor });
        }

        return body with { Embeds = embeds, Files = [file] };
    }

    /// <summary>Discord matches <c>attachment://</c> names literally: keep ASCII letters, digits, dot, dash and underscore.</summary>
    internal static string SafeFileName(string name)
    {
        var chars = (name ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').ToArray();
        var safe = new string(chars).TrimStart('.');
        if (safe.Length == 0 || safe == "png")
        {
            safe = "image.png";
        }

        if (!safe.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            safe += ".png";
        }

        return safe.Length > 64 ? safe[^64..] : safe;
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
        foreach (var chunk in buttons.Where(b => b.CustomId.Length is > 0 and <= DiscordLimits.CustomId).DistinctBy(b => b.CustomId, StringComparer.Ordinal).Chunk(DiscordLimits.ButtonsPerRow).Take(DiscordLimits.ActionRows))
        {
            rows.Add((JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray([.. chunk.Select(b => (JsonNode)new JsonObject
                {
                    ["type"] = 2,
                    ["style"] = b.Action == ReplyButtonAction.EnterKey ? 1 : 2,
                    ["label"] = DiscordLimits.Truncate(b.Label, DiscordLimits.ButtonLabel),
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
