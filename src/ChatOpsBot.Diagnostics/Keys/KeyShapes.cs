namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// Recognises keys and tokens by shape. Works on whole keys and on what is left of them in masked echoes
/// (<c>sk-proj-****abcd</c>, <c>AIzaSy…x1y2</c>) or a bare prefix, by looking at the prefix first.
/// </summary>
/// <remarks>
/// Formats and sources (checked 2026-11): gitleaks <c>cmd/generate/config/rules/</c> (openai.go: sk-proj-/sk-svcacct-/
/// sk-admin- with 124 or 156 body chars and legacy sk- + 48; anthropic.go: sk-ant-api03-/sk-ant-admin01- + 93 + "AA",
/// sk-ant-oat01-/sk-ant-ort01- OAuth tokens; gcp.go: AIza + 35; groq.go; huggingface.go; telegram.go; github.go),
/// Google "Using Gemini API keys" (ai.google.dev/gemini-api/docs/api-key: new auth keys start with "AQ."),
/// osv-scanner veles grokxaiapikey (xai- + 80), trufflehog (sk-or-v1- + 64 hex, pplx- + 48), Replicate (r8_ + 37),
/// DeepSeek (sk- + 32 hex). Mistral keys are 32 bare alphanumerics: no prefix, so not recognisable by shape.
/// </remarks>
public static class KeyShapes
{
    private static readonly KeyShape OpenAILegacy = new(KeyPlatform.OpenAI, "OpenAI user API key (legacy sk-)", "sk-", false);
    private static readonly KeyShape DeepSeek = new(KeyPlatform.DeepSeek, "DeepSeek API key", "sk-", false);

    /// <summary>An sk- key that fits no known format: OpenAI-compatible gateways (one-api, new-api, LiteLLM) issue these.</summary>
    internal static KeyShape GenericSk { get; } = new(KeyPlatform.Unknown, "sk- key of no known provider format", "sk-", false);

    /// <summary>Prefix rules, most specific first: sk-ant- and sk-or- and sk-proj- before plain sk-.</summary>
    internal static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        Rule("sk-ant-api03-", KeyPlatform.Anthropic, "Anthropic API key", 95, 95, KeyBodyClass.Base64Url, suffix: "AA"),
        Rule("sk-ant-admin01-", KeyPlatform.Anthropic, "Anthropic Admin API key", 95, 95, KeyBodyClass.Base64Url, admin: true, suffix: "AA"),
        Rule("sk-ant-oat01-", KeyPlatform.Anthropic, "Anthropic OAuth token (Claude subscription)", 40, 400, KeyBodyClass.Base64Url),
        Rule("sk-ant-ort01-", KeyPlatform.Anthropic, "Anthropic OAuth refresh token", 40, 400, KeyBodyClass.Base64Url),
        Rule("sk-ant-sid01-", KeyPlatform.Anthropic, "claude.ai session cookie", 40, 400, KeyBodyClass.Base64Url),
        Rule("sk-ant-", KeyPlatform.Anthropic, "Anthropic key of an unknown version", 40, 400, KeyBodyClass.Base64Url),
        Rule("sk-or-v1-", KeyPlatform.OpenRouter, "OpenRouter API key", 64, 64, KeyBodyClass.LowerHex),
        Rule("sk-or-", KeyPlatform.OpenRouter, "OpenRouter key", 32, 200, KeyBodyClass.Base64Url),
        Rule("sk-proj-", KeyPlatform.OpenAI, "OpenAI project API key", 80, 250, KeyBodyClass.Base64Url),
        Rule("sk-svcacct-", KeyPlatform.OpenAI, "OpenAI service account key", 80, 250, KeyBodyClass.Base64Url),
        Rule("sk-admin-", KeyPlatform.OpenAI, "OpenAI Admin API key", 80, 250, KeyBodyClass.Base64Url, admin: true),
        Rule("sk-None-", KeyPlatform.OpenAI, "OpenAI user API key (sk-None-)", 40, 250, KeyBodyClass.Base64Url),
        Rule("AIza", KeyPlatform.Google, "Google (Gemini) API key", 35, 35, KeyBodyClass.Base64Url),
        Rule("AQ.", KeyPlatform.Google, "Google (Gemini) auth key", 30, 300, KeyBodyClass.Base64UrlDot),
        Rule("xai-", KeyPlatform.XAI, "xAI (Grok) API key", 80, 80, KeyBodyClass.Alphanumeric),
        Rule("gsk_", KeyPlatform.Groq, "Groq API key", 52, 52, KeyBodyClass.Alphanumeric),
        Rule("hf_", KeyPlatform.HuggingFace, "Hugging Face access token", 34, 40, KeyBodyClass.Alphanumeric),
        Rule("pplx-", KeyPlatform.Perplexity, "Perplexity API key", 48, 56, KeyBodyClass.Alphanumeric),
        Rule("r8_", KeyPlatform.Replicate, "Replicate API token", 37, 40, KeyBodyClass.Alphanumeric),
        Rule("AKIA", KeyPlatform.AwsAccessKey, "AWS access key ID", 16, 16, KeyBodyClass.UpperAlphanumeric),
        Rule("ASIA", KeyPlatform.AwsAccessKey, "AWS temporary access key ID", 16, 16, KeyBodyClass.UpperAlphanumeric),
        Rule("github_pat_", KeyPlatform.GitHubToken, "GitHub fine-grained personal access token", 82, 82, KeyBodyClass.Base64Url),
        Rule("ghp_", KeyPlatform.GitHubToken, "GitHub personal access token", 36, 36, KeyBodyClass.Alphanumeric),
        Rule("gho_", KeyPlatform.GitHubToken, "GitHub OAuth token", 36, 36, KeyBodyClass.Alphanumeric),
        Rule("ghu_", KeyPlatform.GitHubToken, "GitHub app user token", 36, 36, KeyBodyClass.Alphanumeric),
        Rule("ghs_", KeyPlatform.GitHubToken, "GitHub app installation token", 36, 36, KeyBodyClass.Alphanumeric),
        Rule("ghr_", KeyPlatform.GitHubToken, "GitHub refresh token", 36, 80, KeyBodyClass.Alphanumeric),
        Rule("xoxb-", KeyPlatform.SlackToken, "Slack bot token", 10, 250, KeyBodyClass.AlphanumericDash),
        Rule("xoxp-", KeyPlatform.SlackToken, "Slack user token", 10, 250, KeyBodyClass.AlphanumericDash),
        Rule("xoxa-", KeyPlatform.SlackToken, "Slack app token", 10, 250, KeyBodyClass.AlphanumericDash),
        Rule("xoxe-", KeyPlatform.SlackToken, "Slack refresh token", 10, 250, KeyBodyClass.AlphanumericDash),
        Rule("xoxr-", KeyPlatform.SlackToken, "Slack refresh token", 10, 250, KeyBodyClass.AlphanumericDash),
    ];

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
        if (key.StartsWith("sk-", StringComparison.Ordinal))
        {
            var body = key.AsSpan(3);
            if (body.Length == 48 && All(body, KeyBodyClass.Alphanumeric))
            {
                wellFormed = true;
                return OpenAILegacy;
            }

            if (body.Length == 32 && All(body, KeyBodyClass.LowerHex))
            {
                wellFormed = true;
                return DeepSeek;
            }

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

    private static KeyShapeRule Rule(string prefix, KeyPlatform platform, string kind, int min, int max, KeyBodyClass body, bool admin = false, string? suffix = null) =>
        new(prefix, new KeyShape(platform, kind, prefix, admin), min, max, body, suffix);
}
