using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Telegram.Rendering;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsBot.Telegram.Adapter;

/// <summary>
/// Renders a platform-neutral <see cref="Reply"/> as Telegram HTML: every outside string (provider messages, model
/// names, titles, user-derived text) through <see cref="TelegramHtml"/>, every verdict with its <c>code: …</c>, the
/// buttons as an inline keyboard. Long replies are split by <see cref="TelegramMessageSplitter"/>. Alerts and recovery
/// notices render the same way (their cards carry the verdict's code; a recovery without a card still shows <c>code: ok</c>).
/// </summary>
public static class TelegramReplyRenderer
{
    /// <summary>The whole reply as HTML (may be longer than one message: see <see cref="RenderParts"/>).</summary>
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var sb = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            sb.Append(TelegramHtml.Escape(reply.Text.TrimEnd())).Append('\n');
        }

        if (reply.Checklist is { } checklist && reply.Cards.Count == 0)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

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

        if (reply.Kind == ReplyKind.Recovery && reply.Cards.Count == 0)
        {
            sb.Append(TelegramHtml.Code(ReplyVerdict.Ok.CodeText)); // a recovery notice always shows code: ok
        }

        var html = sb.ToString().TrimEnd();
        return html.Length == 0 ? TelegramHtml.Escape("…") : html;
    }

    /// <summary>The reply cut into messages of at most 4,096 characters, at blank lines, line breaks or spaces.</summary>
    public static IReadOnlyList<string> RenderParts(Reply reply, int maxLength = TelegramMessageSplitter.MaxLength) =>
        TelegramMessageSplitter.Split(Render(reply), maxLength);

    /// <summary>One block per row: the provider in bold, each stage on its line, and the verdict with its code once finished.</summary>
    public static string RenderChecklist(ChecklistSnapshot checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var sb = new StringBuilder();
        foreach (var row in checklist.Rows)
        {
            sb.Append(TelegramHtml.Bold(row.Provider.DisplayName));
            if (row.KeyLabel is { Length: > 0 } label)
            {
                sb.Append(' ').Append(TelegramHtml.Code(label));
            }

            sb.Append('\n');
            foreach (var stage in row.Stages)
            {
                sb.Append(stage.Mark).Append(' ').Append(TelegramHtml.Escape(stage.Label)).Append('\n');
            }

            if (row.Verdict is { } verdict)
            {
                sb.Append("→ ").Append(TelegramHtml.Escape(verdict.Title)).Append(' ').Append(TelegramHtml.Code(verdict.CodeText)).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A verdict card: heading, <c>code: …</c> on the line under it, key, detail, evidence, checks and next steps.</summary>
    public static string RenderCard(VerdictCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var sb = new StringBuilder();
        sb.Append(ReplyBuilder.Mark(card.Verdict.Severity, card.Verdict.Code)).Append(' ').Append(TelegramHtml.Bold(card.Heading)).Append('\n');
        sb.Append(TelegramHtml.Code(card.Verdict.CodeText));
        if (card.KeyName is not null || card.KeyShown is not null)
        {
            sb.Append(" · key ").Append(TelegramHtml.Code(card.KeyName ?? card.KeyShown));
            if (card.KeyName is not null && card.KeyShown is not null)
            {
                sb.Append(" (").Append(TelegramHtml.Code(card.KeyShown)).Append(')');
            }
        }

        sb.Append('\n');
        if (!card.Complete)
        {
            sb.Append(TelegramHtml.Italic("Cut short by the deadline: partial result.")).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(card.Detail))
        {
            sb.Append(TelegramHtml.Escape(card.Detail.Trim())).Append('\n');
        }

        if (card.Fields.Count > 0)
        {
            sb.Append('\n').Append(TelegramHtml.Bold("Evidence")).Append('\n');
            foreach (var field in card.Fields)
            {
                sb.Append("• ").Append(TelegramHtml.Escape(field.Name)).Append(": ").Append(TelegramHtml.Code(field.Value)).Append('\n');
            }
        }

        foreach (var section in card.Sections)
        {
            sb.Append('\n').Append(TelegramHtml.Bold(section.Heading)).Append('\n');
            foreach (var line in section.Lines)
            {
                sb.Append(TelegramHtml.Escape(line)).Append('\n');
            }
        }

        if (card.NextSteps.Count > 0)
        {
            sb.Append('\n').Append(TelegramHtml.Bold("Next steps")).Append('\n');
            for (var i = 0; i < card.NextSteps.Count; i++)
            {
                sb.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(TelegramHtml.Escape(card.NextSteps[i])).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The reply's buttons as one inline-keyboard row (callback_data is the button's custom id, at most 64 bytes); null without any.</summary>
    public static InlineKeyboardMarkup? Keyboard(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var buttons = reply.Buttons
            .Where(b => Encoding.UTF8.GetByteCount(b.CustomId) is > 0 and <= TelegramKeyboards.MaxCallbackDataBytes)
            .Select(b => InlineKeyboardButton.WithCallbackData(Label(b), b.CustomId))
            .ToArray();
        return buttons.Length == 0 ? null : new InlineKeyboardMarkup(new[] { buttons });
    }

    private static string Label(ReplyButton button) => button.Action switch
    {
        ReplyButtonAction.Rerun => "🔁 " + button.Label,
        ReplyButtonAction.Details => "📄 " + button.Label,
        _ => button.Label,
    };
}
