using System.Globalization;
using System.Text;

namespace ChatOpsBot.Diagnostics.Redaction;

public sealed partial class SecretScrubber
{
    /// <summary>
    /// A text as it reads once decoded the ways providers and gateways encode what they echo: JSON escapes
    /// (<c>\u0073</c>, <c>\/</c>, <c>\n</c>), URL escapes (<c>%2D</c>), HTML entities (<c>&amp;#115;</c>,
    /// <c>&amp;amp;</c>), with white space, control and invisible characters dropped, and commas before white space
    /// (a key wrapped every few characters, or split into header values joined with ", ", reads whole). Each character remembers the stretch of the original it came from. One pass, linear.
    /// </summary>
    private sealed class DecodedView
    {
        private readonly int[] _starts;
        private readonly int[] _ends;

        private DecodedView(string text, int[] starts, int[] ends)
        {
            Text = text;
            _starts = starts;
            _ends = ends;
        }

        public string Text { get; }

        /// <summary>The original stretch behind <c>Text[start..end]</c>.</summary>
        public (int Start, int End, string? Shown) Original(int start, int end) => (_starts[start], _ends[end - 1], null);

        /// <summary>The decoded view, or null when it reads exactly as the text does.</summary>
        public static DecodedView? Create(string text)
        {
            var builder = new StringBuilder(text.Length);
            var starts = new List<int>(text.Length);
            var ends = new List<int>(text.Length);
            var changed = false;
            var i = 0;
            while (i < text.Length)
            {
                var (c, length) = DecodeAt(text, i);
                changed |= length > 1;
                if (IsDropped(c) || (c == ',' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])))
                {
                    changed = true;
                }
                else
                {
                    builder.Append(c);
                    starts.Add(i);
                    ends.Add(i + length);
                }

                i += length;
            }

            return changed ? new DecodedView(builder.ToString(), [.. starts], [.. ends]) : null;
        }

        private static bool IsDropped(char c) =>
            char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

        /// <summary>The character at <paramref name="i"/>, decoded, and how many characters of the text it took.</summary>
        private static (char Char, int Length) DecodeAt(string text, int i)
        {
            var c = text[i];
            var rest = text.AsSpan(i);
            switch (c)
            {
                case '\\' when rest.Length >= 6 && rest[1] == 'u' && TryHex(rest.Slice(2, 4), out var u):
                    return ((char)u, 6);
                case '\\' when rest.Length >= 2 && rest[1] is 'n' or 'r' or 't' or 'b' or 'f':
                    return ('\n', 2);
                case '\\' when rest.Length >= 2 && rest[1] is '/' or '"' or '\\' or '\'':
                    return (rest[1], 2);
                case '%' when rest.Length >= 3 && TryHex(rest.Slice(1, 2), out var p):
                    return ((char)p, 3);
                case '&':
                    return Entity(rest) is { } entity ? entity : (c, 1);
                default:
                    return (c, 1);
            }
        }

        private static (char, int)? Entity(ReadOnlySpan<char> rest)
        {
            var semicolon = rest[..Math.Min(rest.Length, 10)].IndexOf(';');
            if (semicolon < 3)
            {
                return null;
            }

            var body = rest[1..semicolon];
            if (body[0] == '#')
            {
                var hex = body.Length > 1 && body[1] is 'x' or 'X';
                var digits = hex ? body[2..] : body[1..];
                return int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    && code is > 0 and <= 0xFFFF
                    ? ((char)code, semicolon + 1)
                    : null;
            }

            char? named = body switch
            {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => null,
            };
            return named is { } n ? (n, semicolon + 1) : null;
        }

        private static bool TryHex(ReadOnlySpan<char> digits, out int value) =>
            int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
