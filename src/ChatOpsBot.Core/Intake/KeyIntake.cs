using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Core.Intake;

/// <summary>
/// Finds keys anywhere in a message (docs/secrets.md): whole keys and tokens recognised by shape
/// (<see cref="KeyShapes"/>), masked keys that may name a team key, and a provider named in words. Linear in the
/// message's length; nothing here keeps or prints a key.
/// </summary>
public static class KeyIntake
{
    /// <summary>Shorter runs are never taken for a key (bare prefixes, ordinary words).</summary>
    public const int MinKeyLength = 20;

    private static readonly char[] Separators =
        [' ', '\t', '\r', '\n', '\u00A0', '"', '\'', '`', '<', '>', '(', ')', '[', ']', '{', '}', ',', ';', '=', '|', '\\'];

    private static readonly char[] Trailing = ['.', ',', ':', ';', '!', '?'];

    /// <summary>Scans <paramref name="text"/>.</summary>
    public static KeyScan Scan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return KeyScan.Empty;
        }

        var keys = new List<KeyCandidate>();
        var masked = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ProviderId? named = null;
        foreach (var raw in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.TrimEnd(Trailing).TrimStart('.', ':');
            if (token.Length == 0)
            {
                continue;
            }

            if (named is null && ProviderCatalog.TryParse(token, out var provider))
            {
                named = provider;
                continue;
            }

            token = StripOptionName(token);
            if (Masked(token) is { } form)
            {
                if (!masked.Contains(form, StringComparer.Ordinal))
                {
                    masked.Add(form);
                }
            }
            else if (Whole(token, providerNamed: named is not null) is { } match && seen.Add(token))
            {
                keys.Add(new KeyCandidate(token, match, ProviderFor(match.Shape), KeyMask.Show(token)));
            }
        }

        return new KeyScan(keys, masked, named);
    }

    /// <summary>
    /// One key typed into a key field, taken exactly as given (stray quotes and spaces included, for the key check to
    /// find) for <paramref name="provider"/>.
    /// </summary>
    public static KeyCandidate AsTyped(string text, ProviderId provider)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return new KeyCandidate(text, KeyShapes.Match(trimmed), provider, KeyMask.Show(trimmed));
    }

    /// <summary>
    /// <paramref name="text"/> with every mask run (<c>***</c>, <c>...</c>, <c>•••</c>) written as the shown form's
    /// "…", so that a masked key (<c>sk-proj-****a1b2</c>) reads as the shown form it stands for and the scrubber,
    /// which leaves shown forms alone, does not take it for a secret.
    /// </summary>
    public static string NormalizeMasks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var (start, length) = MaskRun(text.AsSpan(i));
            if (start < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            sb.Append(text, i, start).Append('…');
            i += start + length;
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="word"/> holds a whole key or token (not a masked one).</summary>
    public static bool LooksLikeKey(string? word) => Scan(word).Keys.Count > 0;

    /// <summary>
    /// The form a masked key takes once normalised (<c>sk-proj-...a1b2</c>, <c>sk-proj-****a1b2</c> →
    /// <c>sk-proj-…a1b2</c>), or null when <paramref name="token"/> is not a masked key.
    /// </summary>
    public static string? Masked(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var (start, length) = MaskRun(token);
        if (start <= 0)
        {
            return null;
        }

        var head = token[..start];
        var tail = token[(start + length)..];
        if (tail.Length < 4 || !tail.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var shape = KeyShapes.Identify(head);
        if (shape.Platform == KeyPlatform.Unknown && shape.Prefix.Length == 0)
        {
            return null;
        }

        return head + KeyMask.Ellipsis + tail[^4..];
    }

    private static (int Start, int Length) MaskRun(ReadOnlySpan<char> token)
    {
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var run = c switch
            {
                '…' or '•' => 1,
                '*' when i + 1 < token.Length && token[i + 1] == '*' => 2,
                '.' when i + 2 < token.Length && token[i + 1] == '.' && token[i + 2] == '.' => 3,
                _ => 0,
            };
            if (run > 0)
            {
                var end = i;
                while (end < token.Length && token[end] is '…' or '•' or '*' or '.')
                {
                    end++;
                }

                return (i, end - i);
            }
        }

        return (-1, 0);
    }

    private static KeyShapeMatch? Whole(string token, bool providerNamed)
    {
        var match = KeyShapes.Match(token);
        var shape = match.Shape;
        if (token.Length < MinKeyLength)
        {
            // A short run is a word, unless it starts with a provider's own prefix and goes on: a key cut short when
            // copied (sk-ant-api03-abc). Diagnosed, it is key.malformed ("too short"), not a puzzling help text.
            return shape.Platform != KeyPlatform.Unknown && shape.Prefix.Length >= 4 && token.Length > shape.Prefix.Length ? match : null;
        }

        // A shape several providers share, or one with no prefix (32 letters and digits), fits ordinary text too: a
        // key only after a provider's name ("mistral …").
        return shape.Platform != KeyPlatform.Unknown || shape.Prefix.Length > 0 || (providerNamed && shape.CouldBe.Count > 0) ? match : null;
    }

    /// <summary>Whether <paramref name="shape"/> is an sk- key of no known provider format, as OpenAI-compatible gateways issue.</summary>
    public static bool IsGatewayLike(KeyShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Platform == KeyPlatform.Unknown && shape.CouldBe.Count == 0 && shape.Prefix == "sk-";
    }

    /// <summary>An sk- key of no known format is most often an OpenAI-compatible gateway's key: diagnose it as OpenAI.</summary>
    private static ProviderId? ProviderFor(KeyShape shape) =>
        IsGatewayLike(shape)
            ? ProviderId.OpenAI
            : ProviderRegistry.FindByKeyPlatform(shape.Platform)?.Id;

    /// <summary><c>key:sk-…</c>, <c>OPENAI_API_KEY:sk-…</c>: the value after an option or variable name.</summary>
    private static string StripOptionName(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == token.Length - 1)
        {
            return token;
        }

        var name = token.AsSpan(0, colon);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetter(c) && c != '_')
            {
                return token; // a Telegram token (digits:secret) keeps its colon
            }
        }

        return token[(colon + 1)..];
    }
}
