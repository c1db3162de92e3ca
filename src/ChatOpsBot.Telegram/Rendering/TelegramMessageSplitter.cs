using System.Text;

namespace ChatOpsBot.Telegram.Rendering;

/// <summary>
/// Splits Telegram HTML into messages of at most <see cref="MaxLength"/> characters (UTF-16 code units, as
/// Telegram counts them; the markup is counted too, so every part is safe whatever Telegram's parser does) at the
/// most sensible boundary: a blank line, else a line break, else a space, else anywhere but inside a tag, an entity
/// (<c>&amp;amp;</c>) or a surrogate pair. Tags open at a cut are closed at the end of the part and opened again at
/// the start of the next, so each part is valid HTML on its own.
/// </summary>
public static class TelegramMessageSplitter
{
    /// <summary>Telegram's limit for a message text.</summary>
    public const int MaxLength = 4096;

    public static IReadOnlyList<string> Split(string html, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 16);
        if (html.Length <= maxLength)
        {
            return html.Length == 0 ? [] : [html];
        }

        var units = Tokenize(html);
        var parts = new List<string>();
        var open = new List<Unit>(); // tags open where the current part starts
        var start = 0;
        while (start < units.Count)
        {
            var stack = new List<Unit>(open);
            var length = open.Sum(t => t.Raw.Length);
            Cut? paragraph = null, line = null, word = null;
            var i = start;
            for (; i < units.Count; i++)
            {
                var unit = units[i];
                var next = Apply(stack, unit);
                if (length + unit.Raw.Length + ClosingLength(next) > maxLength)
                {
                    break;
                }

                stack = next;
                length += unit.Raw.Length;
                if (unit.Raw == "\n")
                {
                    var cut = new Cut(i + 1, length, stack);
                    line = cut;
                    if (i > start && units[i - 1].Raw == "\n")
                    {
                        paragraph = cut;
                    }
                }
                else if (unit.Raw == " ")
                {
                    word = new Cut(i + 1, length, stack);
                }
            }

            Cut end;
            if (i == units.Count)
            {
                end = new Cut(i, length, stack);
            }
            else
            {
                var half = maxLength / 2;
                end = new[] { paragraph, line, word }.FirstOrDefault(c => c is not null && c.Length >= half)
                      ?? new[] { paragraph, line, word }.Where(c => c is not null).MaxBy(c => c!.Length)
                      ?? new Cut(Math.Max(i, start + 1), length, i == start ? Apply(stack, units[i]) : stack);
            }

            var part = new StringBuilder();
            foreach (var tag in open)
            {
                part.Append(tag.Raw);
            }

            for (var k = start; k < end.Index; k++)
            {
                part.Append(units[k].Raw);
            }

            for (var k = end.Open.Count - 1; k >= 0; k--)
            {
                part.Append("</").Append(end.Open[k].Name).Append('>');
            }

            var text = part.ToString();
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add(text);
            }

            open = end.Open;
            start = end.Index;
        }

        return parts;
    }

    private static int ClosingLength(List<Unit> stack) => stack.Sum(t => t.Name.Length + 3);

    private static List<Unit> Apply(List<Unit> stack, Unit unit)
    {
        switch (unit.Kind)
        {
            case UnitKind.OpenTag:
                return [.. stack, unit];
            case UnitKind.CloseTag:
                var at = stack.FindLastIndex(t => t.Name == unit.Name);
                if (at < 0)
                {
                    return stack;
                }

                var copy = new List<Unit>(stack);
                copy.RemoveRange(at, copy.Count - at);
                return copy;
            default:
                return stack;
        }
    }

    private static List<Unit> Tokenize(string html)
    {
        var units = new List<Unit>(html.Length);
        for (var i = 0; i < html.Length;)
        {
            var c = html[i];
            if (c == '<')
            {
                var close = html.IndexOf('>', i + 1);
                if (close > i)
                {
                    var raw = html[i..(close + 1)];
                    var isClose = raw.Length > 2 && raw[1] == '/';
                    var nameStart = isClose ? 2 : 1;
                    var nameEnd = nameStart;
                    while (nameEnd < raw.Length && (char.IsAsciiLetterOrDigit(raw[nameEnd]) || raw[nameEnd] == '-'))
                    {
                        nameEnd++;
                    }

                    var name = raw[nameStart..nameEnd].ToLowerInvariant();
                    if (name.Length > 0)
                    {
                        units.Add(new Unit(isClose ? UnitKind.CloseTag : UnitKind.OpenTag, raw, name));
                        i = close + 1;
                        continue;
                    }
                }
            }
            else if (c == '&')
            {
                var semicolon = html.IndexOf(';', i + 1);
                if (semicolon > i + 1 && semicolon - i <= 10 && IsEntityName(html.AsSpan(i + 1, semicolon - i - 1)))
                {
                    units.Add(new Unit(UnitKind.Text, html[i..(semicolon + 1)], ""));
                    i = semicolon + 1;
                    continue;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
            {
                units.Add(new Unit(UnitKind.Text, html.Substring(i, 2), ""));
                i += 2;
                continue;
            }

            units.Add(new Unit(UnitKind.Text, c.ToString(), ""));
            i++;
        }

        return units;
    }

    private static bool IsEntityName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '#')
            {
                return false;
            }
        }

        return true;
    }

    private enum UnitKind
    {
        Text,
        OpenTag,
        CloseTag,
    }

    private sealed record Unit(UnitKind Kind, string Raw, string Name);

    private sealed record Cut(int Index, int Length, List<Unit> Open);
}
