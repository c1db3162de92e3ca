namespace ChatOpsBot.Core.Intake;

/// <summary>
/// Words that look like a secret of a shape <see cref="KeyIntake"/> does not know (a 32-hex Azure key, a random
/// password or token): long, from a key's alphabet, and random-looking. Such a word typed into a command is treated
/// like a pasted key — in a channel an exposure, anywhere never repeated in a reply, never used as a name or model.
/// Model names, key names and ids (<c>gpt-4o-mini-2024-07-18</c>, <c>prod-openai</c>) are not: their runs of letters
/// and digits are short.
/// </summary>
public static class SecretLike
{
    /// <summary>What a reply says instead of the word.</summary>
    public const string Hidden = "…";

    /// <summary>The problem a command with such a word gets.</summary>
    public const string Problem =
        "Part of that looks like a secret (a key, token or password), so I did not use it or repeat it. If it is one, treat it as exposed and rotate it.";

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', '\u00A0', ',', ';', '"', '\'', '`', '(', ')', '[', ']', '{', '}', '<', '>'];

    /// <summary>True when some word of <paramref name="text"/> looks like a secret.</summary>
    public static bool AnyIn(string? text) =>
        !string.IsNullOrEmpty(text) && text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Any(Looks);

    /// <summary>
    /// True for a word holding a run of at least 20 letters and digits that is random-looking: 32 or more hex digits
    /// (with letters and digits), or upper case, lower case and digits with 12 or more distinct characters, or 24 or
    /// more letters and digits (4 of each at least) with an entropy of 3.7 bits per character or more.
    /// </summary>
    public static bool Looks(string? word)
    {
        if (string.IsNullOrEmpty(word) || word.Length < 20)
        {
            return false;
        }

        var span = word.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !char.IsAsciiLetterOrDigit(span[i]))
            {
                i++;
            }

            var start = i;
            while (i < span.Length && char.IsAsciiLetterOrDigit(span[i]))
            {
                i++;
            }

            if (i - start >= 20 && RunLooksRandom(span[start..i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A user's word quoted back briefly: clipped, or <see cref="Hidden"/> when it looks like a secret.</summary>
    public static string Clip(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Looks(word) || KeyIntake.LooksLikeKey(word))
        {
            return Hidden;
        }

        return word.Length > 24 ? word[..20] + "…" : word;
    }

    private static bool RunLooksRandom(ReadOnlySpan<char> run)
    {
        int upper = 0, lower = 0, digits = 0;
        var hex = true;
        Span<int> counts = stackalloc int[128];
        var distinct = 0;
        foreach (var c in run)
        {
            upper += char.IsAsciiLetterUpper(c) ? 1 : 0;
            lower += char.IsAsciiLetterLower(c) ? 1 : 0;
            digits += char.IsAsciiDigit(c) ? 1 : 0;
            hex &= char.IsAsciiHexDigit(c);
            distinct += counts[c]++ == 0 ? 1 : 0;
        }

        var letters = upper + lower;
        if (hex && run.Length >= 32 && digits > 0 && letters > 0)
        {
            return true;
        }

        if (upper > 0 && lower > 0 && digits > 0 && distinct >= 12)
        {
            return true;
        }

        if (run.Length < 24 || digits < 4 || letters < 4)
        {
            return false;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / run.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy >= 3.7;
    }
}
