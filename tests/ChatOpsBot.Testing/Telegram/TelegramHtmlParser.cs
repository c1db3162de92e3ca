using System.Globalization;
using System.Text;

namespace ChatOpsBot.Testing.Telegram;

/// <summary>
/// Telegram's HTML parse mode as the fake applies it: the supported tags only, properly nested and closed; the
/// entities &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric ones decoded (an unknown one stays literal text);
/// problems reported the way Telegram words them after "can't parse entities: ".
/// </summary>
public static class TelegramHtmlParser
{
    private static readonly HashSet<string> Tags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"];

    /// <summary>Parses <paramref name="html"/>; on success <paramref name="plain"/> is the text without markup.</summary>
    public static bool TryParse(string html, out string plain, out string problem)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        problem = "";
        plain = "";
        for (var i = 0; i < html.Length;)
        {
            var c = html[i];
            if (c == '&')
            {
                if (TryEntity(html, i, out var decoded, out var length))
                {
                    text.Append(decoded);
                    i += length;
                }
                else
                {
                    text.Append('&');
                    i++;
                }

                continue;
            }

            if (c != '<')
            {
                text.Append(c);
                i++;
                continue;
            }

            var byteOffset = Encoding.UTF8.GetByteCount(html.AsSpan(0, i));
            var close = html.IndexOf('>', i + 1);
            if (i + 1 < html.Length && html[i + 1] == '/')
            {
                if (close < 0)
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"Unclosed end tag at byte offset {byteOffset}");
                    return false;
                }

                var name = html[(i + 2)..close].Trim().ToLowerInvariant();
                if (open.Count == 0)
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"Unexpected end tag at byte offset {byteOffset}");
                    return false;
                }

                if (open.Peek() != name)
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"Unmatched end tag at byte offset {byteOffset}, expected \"</{open.Peek()}>\", found \"</{name}>\"");
                    return false;
                }

                open.Pop();
                i = close + 1;
                continue;
            }

            var end = i + 1;
            while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] == '-'))
            {
                end++;
            }

            var tag = html[(i + 1)..end].ToLowerInvariant();
            if (!Tags.Contains(tag))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"Unsupported start tag \"{tag}\" at byte offset {byteOffset}");
                return false;
            }

            if (close < 0)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"Unclosed start tag at byte offset {byteOffset}");
                return false;
            }

            var attributes = html[end..close];
            if (tag == "span" && !attributes.Contains("tg-spoiler", StringComparison.Ordinal))
            {
                problem = "Tag \"span\" must have class \"tg-spoiler\"";
                return false;
            }

            if (attributes.Contains('<', StringComparison.Ordinal))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"Unclosed start tag at byte offset {byteOffset}");
                return false;
            }

            open.Push(tag);
            i = close + 1;
        }

        if (open.Count > 0)
        {
            problem = $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
            return false;
        }

        plain = text.ToString();
        return true;
    }

    private static bool TryEntity(string html, int at, out string decoded, out int length)
    {
        decoded = "";
        length = 0;
        var semicolon = html.IndexOf(';', at + 1);
        if (semicolon < 0 || semicolon - at > 12)
        {
            return false;
        }

        var name = html[(at + 1)..semicolon];
        length = semicolon - at + 1;
        switch (name)
        {
            case "lt":
                decoded = "<";
                return true;
            case "gt":
                decoded = ">";
                return true;
            case "amp":
                decoded = "&";
                return true;
            case "quot":
                decoded = "\"";
                return true;
        }

        if (name.StartsWith('#'))
        {
            var hex = name.Length > 1 && (name[1] == 'x' || name[1] == 'X');
            var digits = hex ? name[2..] : name[1..];
            if (int.TryParse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && code is > 0 and <= 0x10FFFF && code is not (>= 0xD800 and <= 0xDFFF))
            {
                decoded = char.ConvertFromUtf32(code);
                return true;
            }
        }

        return false;
    }
}
