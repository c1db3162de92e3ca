using System.Text;

namespace ChatOpsBot.Telegram.Rendering;

/// <summary>
/// Builds Telegram HTML (parse_mode HTML). Everything from outside — provider messages, model names, user text —
/// goes through <see cref="Escape"/> (or a builder, which escapes for you): Telegram needs only <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c> escaped in text, and <c>"</c> too inside attributes.
/// </summary>
public static class TelegramHtml
{
    /// <summary>Text that shows as written: <c>&lt;script&gt;</c> stays text, <c>&amp;amp;</c> stays <c>&amp;amp;</c>.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny("<>&") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>An attribute value: <see cref="Escape"/> plus <c>"</c>.</summary>
    public static string EscapeAttribute(string? value) => Escape(value).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary><c>&lt;b&gt;</c> around escaped <paramref name="text"/>.</summary>
    public static string Bold(string? text) => "<b>" + Escape(text) + "</b>";

    /// <summary><c>&lt;i&gt;</c> around escaped <paramref name="text"/>.</summary>
    public static string Italic(string? text) => "<i>" + Escape(text) + "</i>";

    /// <summary>Inline code: a verdict code, a model name, a masked key.</summary>
    public static string Code(string? text) => "<code>" + Escape(text) + "</code>";

    /// <summary>A preformatted block, optionally with a language (<c>&lt;pre&gt;&lt;code class="language-json"&gt;</c>).</summary>
    public static string Pre(string? text, string? language = null)
    {
        if (string.IsNullOrEmpty(language))
        {
            return "<pre>" + Escape(text) + "</pre>";
        }

        var safeLanguage = new string([.. language.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+')]);
        return "<pre><code class=\"language-" + safeLanguage + "\">" + Escape(text) + "</code></pre>";
    }

    /// <summary>
    /// A link. Only http, https and tg URLs become links; anything else (javascript:, a relative path) is shown as
    /// escaped text, so an outside string never becomes a live link to somewhere else.
    /// </summary>
    public static string Link(string? href, string? text)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "tg"))
        {
            return Escape(text);
        }

        return "<a href=\"" + EscapeAttribute(uri.AbsoluteUri) + "\">" + Escape(string.IsNullOrEmpty(text) ? uri.AbsoluteUri : text) + "</a>";
    }
}
