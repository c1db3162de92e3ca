using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// Recognises keys and tokens by shape. Works on whole keys and on what is left of them in masked echoes
/// (<c>sk-proj-****abcd</c>, <c>AIzaSy…x1y2</c>) or a bare prefix, by looking at the prefix first.
/// </summary>
/// <remarks>
/// The formats live with their owners, each with its sources: a provider's in <c>Providers/&lt;Name&gt;/&lt;Name&gt;KeyShapes.cs</c>,
/// every other platform's in <see cref="OtherPlatformKeyShapes"/>; Telegram and Discord tokens are recognised here.
/// </remarks>
public static class KeyShapes
{
    /// <summary>An sk- key that fits no known format: OpenAI-compatible gateways (one-api, new-api, LiteLLM) issue these.</summary>
    internal static KeyShape GenericSk { get; } = new(KeyPlatform.Unknown, "sk- key of no known provider format", "sk-", false);

    /// <summary>
    /// Prefix rules: every registered provider's (<see cref="ProviderDescriptor.KeyShapes"/>), then the other
    /// platforms' whose prefix no provider declares, longest prefix first so that sk-ant-, sk-or- and sk-proj- come
    /// before anything shorter they start with.
    /// </summary>
    internal static IReadOnlyList<KeyShapeRule> Rules { get; } = Aggregate(wholeOnly: false);

    /// <summary>Rules that name a key only when the whole key fits (sk- + 48 for OpenAI, sk- + 32 hex for DeepSeek), tried after <see cref="Rules"/>.</summary>
    internal static IReadOnlyList<KeyShapeRule> WholeRules { get; } = Aggregate(wholeOnly: true);

    internal static KeyShape Telegram { get; } = new(KeyPlatform.TelegramBotToken, "Telegram bot token", "", false);

    internal static KeyShape Discord { get; } = new(KeyPlatform.DiscordBotToken, "Discord bot token", "", false);

    /// <summary>What <paramref name="key"/> (already trimmed) looks like.</summary>
    public static KeyShape Identify(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Classify(key, out _, out _);
    }

    /// <summary>
    /// What <paramref name="key"/> (already trimmed) looks like, with the rule that recognised it and whether it is
    /// complete: the one classification a key gets, handed on to <see cref="KeyInspector"/>.
    /// </summary>
    public static KeyShapeMatch Match(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var shape = Classify(key, out var rule, out var wellFormed);
        return new KeyShapeMatch(key, shape, rule, wellFormed);
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a complete, possible key of the format its prefix names (right length and
    /// characters). False for unrecognised shapes, masked forms and bare prefixes.
    /// </summary>
    public static bool IsWellFormed(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Classify(key, out _, out var wellFormed);
        return wellFormed;
    }

    /// <summary>The rule that recognised <paramref name="key"/>, for length hints; null for sk-, Telegram, Discord.</summary>
    internal static KeyShapeRule? RuleFor(string key)
    {
        Classify(key, out var rule, out _);
        return rule;
    }

    internal static KeyShape Classify(string key, out KeyShapeRule? rule, out bool wellFormed)
    {
        foreach (var r in Rules)
        {
            if (key.StartsWith(r.Prefix, StringComparison.Ordinal))
            {
                rule = r;
                wellFormed = r.IsWellFormed(key);
                return r.Shape;
            }
        }

        rule = null;
        if (Whole(key, WholeRules) is { } whole)
        {
            wellFormed = true;
            return whole;
        }

        if (key.StartsWith("sk-", StringComparison.Ordinal))
        {
            wellFormed = false;
            return GenericSk;
        }

        if (LooksLikeTelegram(key, out wellFormed))
        {
            return Telegram;
        }

        if (LooksLikeDiscord(key, out wellFormed))
        {
            return Discord;
        }

        wellFormed = false;
        return KeyShape.Unknown;
    }

    /// <summary>
    /// The shape of <paramref name="key"/> among whole-key rules: the one platform whose rule it fits (sk- + 48: OpenAI),
    /// or, when the rules of several platforms fit or the fitting rule has no prefix at all, a shape that names no
    /// platform and lists those it could be (<see cref="KeyShape.CouldBe"/>). Null when none fits.
    /// </summary>
    internal static KeyShape? Whole(string key, IReadOnlyList<KeyShapeRule> wholeRules)
    {
        var fits = wholeRules.Where(r => key.StartsWith(r.Prefix, StringComparison.Ordinal) && r.IsWellFormed(key)).ToList();
        if (fits.Count == 0)
        {
            return null;
        }

        var platforms = fits.Select(r => r.Shape.Platform).Distinct().ToList();
        if (platforms.Count == 1 && fits[0].Prefix.Length > 0)
        {
            return fits[0].Shape;
        }

        var kinds = string.Join(" or ", fits.Select(r => r.Shape.Kind).Distinct(StringComparer.Ordinal));
        return new KeyShape(KeyPlatform.Unknown, $"key shaped like a {kinds}", fits[0].Prefix, false) { CouldBe = platforms };
    }

    internal static bool IsBodyChar(char c, KeyBodyClass body) => body switch
    {
        KeyBodyClass.Alphanumeric => char.IsAsciiLetterOrDigit(c),
        KeyBodyClass.Base64Url => char.IsAsciiLetterOrDigit(c) || c is '-' or '_',
        KeyBodyClass.Base64UrlDot => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.',
        KeyBodyClass.LowerHex => char.IsAsciiHexDigitLower(c),
        KeyBodyClass.UpperAlphanumeric => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c),
        KeyBodyClass.AlphanumericDash => char.IsAsciiLetterOrDigit(c) || c == '-',
        _ => false,
    };

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool All(ReadOnlySpan<char> body, KeyBodyClass cls)
    {
        foreach (var c in body)
        {
            if (!IsBodyChar(c, cls))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>&lt;bot id: 5-16 digits&gt;:&lt;35 base64url chars&gt; (Telegram Bot API).</summary>
    private static bool LooksLikeTelegram(string key, out bool wellFormed)
    {
        wellFormed = false;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 5 or > 16 || !IsDigits(key.AsSpan(0, colon)))
        {
            return false;
        }

        var secret = key.AsSpan(colon + 1);
        wellFormed = secret.Length == 35 && All(secret, KeyBodyClass.Base64Url);
        return true;
    }

    /// <summary>
    /// Three base64url parts joined by dots, the first of which decodes to the bot's numeric snowflake id
    /// (Discord). A masked echo or bare first part followed by a dot is enough to recognise it.
    /// </summary>
    private static bool LooksLikeDiscord(string key, out bool wellFormed)
    {
        wellFormed = false;
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot is < 22 or > 28 || !All(key.AsSpan(0, dot), KeyBodyClass.Base64Url) || !DecodesToSnowflake(key.AsSpan(0, dot)))
        {
            return false;
        }

        var parts = key.Split('.');
        wellFormed = parts.Length == 3
            && parts[1].Length is >= 6 and <= 7 && All(parts[1], KeyBodyClass.Base64Url)
            && parts[2].Length is >= 27 and <= 45 && All(parts[2], KeyBodyClass.Base64Url);
        return true;
    }

    private static bool DecodesToSnowflake(ReadOnlySpan<char> part)
    {
        Span<char> b64 = stackalloc char[part.Length + 3];
        part.CopyTo(b64);
        b64 = b64[..part.Length];
        for (var i = 0; i < b64.Length; i++)
        {
            b64[i] = b64[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        var padded = (b64.Length + 3) / 4 * 4;
        Span<char> full = stackalloc char[padded];
        b64.CopyTo(full);
        full[b64.Length..].Fill('=');
        Span<byte> bytes = stackalloc byte[padded];
        if (!Convert.TryFromBase64Chars(full, bytes, out var written) || written is < 17 or > 20)
        {
            return false;
        }

        foreach (var b in bytes[..written])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return bytes[0] != (byte)'0';
    }

    private static KeyShapeRule[] Aggregate(bool wholeOnly) =>
        Aggregate(ProviderRegistry.Descriptors.SelectMany(d => d.KeyShapes).Concat(OtherPlatformKeyShapes.Rules), wholeOnly);

    /// <summary>
    /// The prefix rules (or the whole-key rules) of <paramref name="all"/>, the first of a prefix winning; whole-key
    /// rules of one prefix and length are kept once per platform, so that a shape several providers share stays
    /// shared. A rule with no prefix can only ever name a whole key: it is a whole-key rule whatever it says.
    /// </summary>
    internal static KeyShapeRule[] Aggregate(IEnumerable<KeyShapeRule> all, bool wholeOnly)
    {
        var claimed = new HashSet<(string Prefix, int Length, KeyPlatform Platform)>();
        var rules = new List<KeyShapeRule>();
        foreach (var rule in all)
        {
            var whole = rule.WholeOnly || rule.Prefix.Length == 0;
            if (whole == wholeOnly && claimed.Add((rule.Prefix, wholeOnly ? rule.MinBody : 0, wholeOnly ? rule.Shape.Platform : KeyPlatform.Unknown)))
            {
                rules.Add(rule);
            }
        }

        // A stable sort: among prefixes of one length, the registration order stays.
        return [.. rules.OrderByDescending(r => r.Prefix.Length)];
    }
}
