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
