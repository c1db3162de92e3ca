using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Reads the masked key a provider echoes back ("Incorrect API key provided: AIzaSy**...**x1y2") and says which
/// platform its visible prefix belongs to. The provider's own echo is evidence: it shows what actually arrived.
/// </summary>
public static class EchoedKey
{
    /// <summary>The visible start of the echoed key (up to the first mask character), or null.</summary>
    public static string? VisiblePrefix(string? message, string marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        if (message is null)
        {
            return null;
        }

        var at = message.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = message.AsSpan(at + marker.Length).TrimStart();
        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] != '*' && rest[end] != '…' && end < 40)
        {
            end++;
        }

        var prefix = rest[..end].TrimEnd('.').ToString();
        return prefix.Length >= 3 ? prefix : null;
    }

    /// <summary>
    /// What the visible prefix looks like, by <see cref="KeyShapes.Identify"/>. An echo shows only the first few
    /// characters, which a full-key shape check may not accept, so the few prefixes providers echo are also
    /// recognised here when <see cref="KeyShapes"/> cannot say (or is not there yet).
    /// </summary>
    public static KeyShape Identify(string visiblePrefix)
    {
        ArgumentNullException.ThrowIfNull(visiblePrefix);
        KeyShape shape;
        try
        {
            shape = KeyShapes.Identify(visiblePrefix);
        }
        catch (NotImplementedException)
        {
            shape = KeyShape.Unknown;
        }

        return shape.Platform == KeyPlatform.Unknown ? FallbackIdentify(visiblePrefix) : shape;
    }

    private static KeyShape FallbackIdentify(string prefix) => prefix switch
    {
        _ when prefix.StartsWith("AIza", StringComparison.Ordinal) => new(KeyPlatform.Google, "Google API key", "AIza", false),
        _ when prefix.StartsWith("sk-ant-admin", StringComparison.Ordinal) => new(KeyPlatform.Anthropic, "Anthropic Admin API key", "sk-ant-admin", true),
        _ when prefix.StartsWith("sk-ant-", StringComparison.Ordinal) => new(KeyPlatform.Anthropic, "Anthropic API key", "sk-ant-", false),
        _ when prefix.StartsWith("sk-or-", StringComparison.Ordinal) => new(KeyPlatform.OpenRouter, "OpenRouter key", "sk-or-", false),
        _ when prefix.StartsWith("gsk_", StringComparison.Ordinal) => new(KeyPlatform.Groq, "Groq key", "gsk_", false),
        _ when prefix.StartsWith("xai-", StringComparison.Ordinal) => new(KeyPlatform.XAI, "xAI key", "xai-", false),
        _ when prefix.StartsWith("hf_", StringComparison.Ordinal) => new(KeyPlatform.HuggingFace, "Hugging Face token", "hf_", false),
        _ when prefix.StartsWith("sk-proj-", StringComparison.Ordinal) => new(KeyPlatform.OpenAI, "OpenAI project key", "sk-proj-", false),
        _ when prefix.StartsWith("sk-", StringComparison.Ordinal) => new(KeyPlatform.OpenAI, "OpenAI key", "sk-", false),
        _ => KeyShape.Unknown,
    };
}
