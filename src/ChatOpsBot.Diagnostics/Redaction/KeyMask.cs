using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>Shown forms of secrets (docs/secrets.md): never more than 4 characters of secret material.</summary>
public static class KeyMask
{
    /// <summary>The mark that stands for the hidden part.</summary>
    public const string Ellipsis = "…";

    /// <summary>Strings shorter than this show nothing at all.</summary>
    public const int MinLengthToShowTail = 12;

    /// <summary>Platform prefix + "…" + last 4 (<c>sk-proj-…a1b2</c>); never more than that.</summary>
    /// <remarks>
    /// Unknown shapes show "…" + last 4; strings under 12 characters show "…" alone; a known prefix whose body is
    /// under 12 characters shows the prefix and "…" only, so the 4 characters are never a third of the secret.
    /// </remarks>
    public static string Show(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = TrimInvisible(key);
        var prefix = KeyShapes.Identify(trimmed).Prefix; // a platform's public marker (sk-proj-, AIza, r8_…): safe to show
        var body = trimmed.AsSpan(prefix.Length);
        if (trimmed.Length < MinLengthToShowTail || body.Length < MinLengthToShowTail)
        {
            return prefix + Ellipsis;
        }

        var tail = body[^4..];
        foreach (var c in tail)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return prefix + Ellipsis;
            }
        }

        return string.Concat(prefix, Ellipsis, tail);
    }

    /// <summary>First 8 hex digits of the key's SHA-256 (lowercase).</summary>
    public static string Fingerprint(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..4]);
    }

    /// <summary>Trims white space and the invisible characters (zero-width, BOM) that copying adds.</summary>
    internal static string TrimInvisible(string text) => text.Trim().Trim(InvisibleChars).Trim();

    internal static readonly char[] InvisibleChars = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00A0', ' ', '\t', '\r', '\n'];
}
