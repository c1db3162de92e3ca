using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Testing;

/// <summary>
/// Asserts that no secret leaked into a user-visible text: neither whole, trimmed, nor any 8-character run of its
/// secret part (everything after the platform's public prefix, which the shown form legitimately keeps).
/// </summary>
public static class LeakAssert
{
    /// <summary>Public prefixes that shown forms keep (longest first).</summary>
    private static readonly string[] PublicPrefixes =
    [
        "sk-ant-admin01-", "sk-ant-api03-", "sk-svcacct-", "sk-admin-", "sk-proj-", "sk-or-v1-", "sk-None-",
        "github_pat_", "AIzaSy", "AIza", "xai-", "gsk_", "sk-", "hf_", "pplx-", "r8_",
    ];

    public static void NoSecret(string? output, params string[] secrets)
    {
        if (string.IsNullOrEmpty(output))
        {
            return;
        }

        foreach (var raw in secrets)
        {
            var secret = raw.Trim();
            if (secret.Length == 0)
            {
                continue;
            }

            if (output.Contains(secret, StringComparison.Ordinal))
            {
                throw new LeakException($"A secret of length {secret.Length} appears whole in the output.");
            }

            var prefix = PublicPrefixes.FirstOrDefault(p => secret.StartsWith(p, StringComparison.Ordinal)) ?? "";
            var material = secret[prefix.Length..];
            for (var i = 0; i + 8 <= material.Length; i++)
            {
                var window = material.Substring(i, 8);
                if (output.Contains(window, StringComparison.Ordinal))
                {
                    throw new LeakException($"8 characters of a secret (offset {prefix.Length + i} of {secret.Length}) appear in the output.");
                }
            }
        }
    }
}

/// <summary>
/// The scrubber's promise for text a provider could have encoded: no 12-character window of a secret (beyond its
/// public prefix) in the output as it stands, nor once decoded the usual ways: JSON escapes, URL-encoding, HTML entities,
/// white space removed (a key wrapped every few characters), base64 and base64url at every alignment.
/// </summary>
public static partial class LeakAssertAnyForm
{
    public const int Window = 12;

    public static void NoSecret(string? output, params string[] secrets)
    {
        if (string.IsNullOrEmpty(output))
        {
            return;
        }

        var forms = Decoded(output).ToList();
        foreach (var raw in secrets)
        {
            var secret = raw.Trim();
            var prefix = PublicPrefix(secret);
            for (var i = 0; i + Window <= secret.Length; i++)
            {
                if (i + Window <= prefix.Length)
                {
                    continue;
                }

                var window = secret.Substring(i, Window);
                foreach (var (name, form) in forms)
                {
                    if (form.Contains(window, StringComparison.Ordinal))
                    {
                        throw new LeakException($"12 characters of a secret (offset {i} of {secret.Length}) appear in the output ({name}).");
                    }
                }
            }
        }
    }

    /// <summary>The output decoded each likely way (each form named, for the failure message).</summary>
    public static IEnumerable<(string Name, string Text)> Decoded(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        yield return ("as is", output);
        var json = JsonUnescape(output);
        yield return ("JSON escapes", json);
        var url = SafeUrlDecode(output);
        yield return ("URL-encoded", url);
        var html = WebUtility.HtmlDecode(output);
        yield return ("HTML entities", html);
        foreach (var text in new[] { output, json, url, html })
        {
            yield return ("white space removed", Squeeze(text));
        }

        foreach (var text in new[] { output, json, Squeeze(output), Squeeze(json) })
        {
            yield return ("base64", Base64Decoded(text));
        }
    }

    private static string PublicPrefix(string secret)
    {
        string[] prefixes = ["sk-ant-admin01-", "sk-ant-api03-", "sk-svcacct-", "sk-admin-", "sk-proj-", "sk-or-v1-", "sk-None-", "AIzaSy", "AIza", "sk-"];
        return prefixes.FirstOrDefault(p => secret.StartsWith(p, StringComparison.Ordinal)) ?? "";
    }

    private static string Squeeze(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && c is not '\u200B' and not '\u200C' and not '\u200D' and not '\u2060' and not '\uFEFF')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string JsonUnescape(string text) => JsonEscape().Replace(text, m => m.Groups["u"].Success
        ? new string((char)Convert.ToInt32(m.Groups["u"].Value, 16), 1)
        : m.Groups["c"].Value switch
        {
            "n" => "\n",
            "r" => "\r",
            "t" => "\t",
            "b" => "\b",
            "f" => "\f",
            var other => other,
        });

    private static string SafeUrlDecode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static string Base64Decoded(string text)
    {
        var sb = new StringBuilder();
        foreach (Match run in Base64Run().Matches(text))
        {
            var value = run.Value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            for (var offset = 0; offset < 4 && offset < value.Length; offset++)
            {
                var part = value[offset..];
                part = part[..(part.Length / 4 * 4)];
                if (part.Length == 0)
                {
                    continue;
                }

                try
                {
                    sb.Append(Encoding.Latin1.GetString(Convert.FromBase64String(part))).Append('\n');
                }
                catch (FormatException)
                {
                    // not base64 at this offset
                }
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\\(?:u(?<u>[0-9A-Fa-f]{4})|(?<c>[""\\/bfnrt]))", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex JsonEscape();

    [GeneratedRegex(@"[A-Za-z0-9+/_=-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Run();
}

/// <summary>Thrown when a secret leaked; its message never contains the secret.</summary>
public sealed class LeakException : Exception
{
    public LeakException()
    {
    }

    public LeakException(string message)
        : base(message)
    {
    }

    public LeakException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
