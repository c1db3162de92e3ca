using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Keys;

public static partial class KeyInspector
{
    private enum Where
    {
        Start,
        End,
        Inside,
    }

    private static Finding WhitespaceFinding(List<Blank> blanks, string subject, KeySource source, ProviderId expected)
    {
        blanks.Sort((a, b) => a.Index.CompareTo(b.Index));
        var parts = new List<string>();
        var i = 0;
        while (i < blanks.Count)
        {
            var first = blanks[i];
            if (first.Char == '\r' && i + 1 < blanks.Count && blanks[i + 1].Char == '\n' && blanks[i + 1].Index == first.Index + 1
                && blanks[i + 1].Where == first.Where)
            {
                parts.Add($"a Windows line break (CR LF) {Describe(first.Where, first.Index, 2)}");
                i += 2;
                continue;
            }

            var count = 1;
            while (i + count < blanks.Count && blanks[i + count].Char == first.Char && blanks[i + count].Where == first.Where
                   && blanks[i + count].Index == first.Index + count)
            {
                count++;
            }

            parts.Add($"{InvisibleChars.Describe(first.Char, count)} {Describe(first.Where, first.Index, count)}");
            i += count;
        }

        var listed = parts.Count <= 4 ? parts : [.. parts.Take(3), $"{parts.Count - 3} more"];
        var text = listed.Count == 1 ? listed[0] : string.Join(", ", listed.Take(listed.Count - 1)) + " and " + listed[^1];
        var detail = $"{subject} has {text}.";
        if (blanks.Any(b => b.Where == Where.End && b.Char is '\n' or '\r') && source is KeySource.Environment or KeySource.Chat)
        {
            detail += source == KeySource.Environment
                ? " A variable keeps the newline that a file or `echo` (without -n) added."
                : " A line break was pasted with it.";
        }

        var evidence = new JsonObject
        {
            ["char"] = InvisibleChars.CodePoint(blanks[0].Char),
            ["position"] = blanks[0].Index + 1,
            ["where"] = blanks[0].Where.ToString().ToLowerInvariant(),
            ["count"] = blanks.Count,
        };
        return Create(VerdictCodes.KeyWhitespace, expected, detail, evidence);
    }

    private static string Describe(Where where, int index, int count) => where switch
    {
        Where.Start => "at the start",
        Where.End => "at the end",
        _ => count == 1
            ? $"at position {(index + 1).ToString(CultureInfo.InvariantCulture)}"
            : $"at positions {(index + 1).ToString(CultureInfo.InvariantCulture)}-{(index + count).ToString(CultureInfo.InvariantCulture)}",
    };

    private static bool IsQuote(char c) => c is '"' or '\'' or '`' or '\u201C' or '\u201D' or '\u2018' or '\u2019' or '\u00AB' or '\u00BB' or '\u201E' or '\u00B4';

    private static string DescribeQuotes(string s, string subject)
    {
        var open = IsQuote(s[0]) ? s[0] : (char?)null;
        var close = s.Length > 1 && IsQuote(s[^1]) ? s[^1] : (char?)null;
        if (open is null || close is null)
        {
            var q = open ?? close!.Value;
            var where = open is not null ? "start" : "end";
            return $"{subject} has a stray quote mark ({q}) at the {where}, which became part of the value.";
        }

        var name = (open.Value, close.Value) switch
        {
            ('"', '"') => "double quotes",
            ('\'', '\'') => "single quotes",
            ('`', '`') => "backticks",
            ('\u00AB', '\u00BB') => "guillemets",
            (var a, var b) when a < 128 && b < 128 => "mismatched quote marks",
            _ => "typographic quotes (as word processors and chat apps write them)",
        };
        return $"{subject} is wrapped in {name} ({open}…{close}), which became part of the value.";
    }

    private readonly record struct Blank(char Char, int Index, Where Where);

    /// <summary>
    /// A value with its wrapping peeled off, outside in, until nothing changes: white space and invisible characters at
    /// either end, quotes, a header line or "Bearer "; then the line breaks and invisible characters inside, which
    /// never belong to a key.
    /// </summary>
    private sealed class Peeled
    {
        private Peeled(string text) => Outer = text;

        /// <summary>The value once its wrapping is peeled off (what a placeholder is quoted back as).</summary>
        public string Outer { get; private set; }

        /// <summary><see cref="Outer"/> without the blanks inside: the same instance when there were none.</summary>
        public string Candidate { get; private set; } = "";

        /// <summary>How many characters were peeled off the start (positions in messages count from the raw value).</summary>
        public int Offset { get; private set; }

        public List<Blank> Blanks { get; } = [];

        public string? QuoteDetail { get; private set; }

        public string? BearerDetail { get; private set; }

        public static Peeled From(string text, string subject)
        {
            var peeled = new Peeled(text);
            while (peeled.Outer.Length > 0)
            {
                peeled.TrimBlanks();
                if (!peeled.StripQuotes(subject) && !peeled.StripHeader(subject))
                {
                    break;
                }
            }

            peeled.RemoveInnerBlanks();
            return peeled;
        }

        private void TrimBlanks()
        {
            var s = Outer;
            while (s.Length > 0 && InvisibleChars.IsInvisible(s[0]))
            {
                Blanks.Add(new(s[0], Offset, Where.Start));
                s = s[1..];
                Offset++;
            }

            while (s.Length > 0 && InvisibleChars.IsInvisible(s[^1]))
            {
                Blanks.Add(new(s[^1], Offset + s.Length - 1, Where.End));
                s = s[..^1];
            }

            Outer = s;
        }

        private bool StripQuotes(string subject)
        {
            var s = Outer;
            if (s.Length == 0 || (!IsQuote(s[0]) && !IsQuote(s[^1])))
            {
                return false;
            }

            QuoteDetail ??= DescribeQuotes(s, subject);
            if (IsQuote(s[0]))
            {
                s = s[1..];
                Offset++;
            }

            if (s.Length > 0 && IsQuote(s[^1]))
            {
                s = s[..^1];
            }

            Outer = s;
            return true;
        }

        private bool StripHeader(string subject)
        {
            var header = HeaderPrefixRegex().Match(Outer);
            if (header.Length == 0)
            {
                return false;
            }

            BearerDetail ??= header.Groups["header"].Success
                ? $"{subject} is a whole header line (\"{header.Groups["header"].Value}: …\"), not just the key."
                : $"{subject} starts with the word \"{header.Value.TrimEnd().TrimEnd(':')}\": the client adds that itself, so it was sent twice.";
            Outer = Outer[header.Length..];
            Offset += header.Length;
            return true;
        }

        private void RemoveInnerBlanks()
        {
            var s = Outer;
            Candidate = s;
            if (!s.Any(InvisibleChars.IsInvisible))
            {
                return;
            }

            var inner = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (InvisibleChars.IsInvisible(s[i]))
                {
                    Blanks.Add(new(s[i], Offset + i, Where.Inside));
                }
                else
                {
                    inner.Append(s[i]);
                }
            }

            Candidate = inner.ToString();
        }
    }
}
