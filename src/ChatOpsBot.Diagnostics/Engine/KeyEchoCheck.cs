using System.Text.RegularExpressions;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// When a provider rejects a key and echoes the end of the key it received (OpenAI: "Incorrect API key provided:
/// sk-proj-****abcd"), compares that end with the key that was sent. A different ending means something on the way
/// (a gateway, a proxy, another variable or config file) replaced the key: the most useful thing to know at 2 a.m.
/// </summary>
public static partial class KeyEchoCheck
{
    public static Finding Compare(Finding finding, string sentKey)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(sentKey);
        if (finding.Code != VerdictCodes.AuthInvalidKey || sentKey.Length < 12)
        {
            return finding;
        }

        var message = finding.Evidence["provider_message"]?.ToString() ?? finding.Detail;
        var echo = EchoedTail().Match(message);
        if (!echo.Success)
        {
            return finding;
        }

        var received = echo.Groups["tail"].Value;
        var sent = sentKey[^4..];
        if (string.Equals(received, sent, StringComparison.Ordinal))
        {
            return finding;
        }

        finding.Evidence["echoed_key_ends_with"] = received;
        finding.Evidence["sent_key_ends_with"] = sent;
        return finding with
        {
            Detail = $"{finding.Detail} The key the provider received ends in {received}, but the key checked here ends in {sent}: "
                + "something on the way (a gateway, a proxy, or another variable or config file) sent a different key.",
        };
    }

    // "provided: sk-proj-…abcd." or "provided: sk-abc1…wxyz" — the scrubbed or masked echo, ending in four characters;
    // not "sk-proj-…1cD2...", a truncated echo whose last four are from the middle of the key.
    [GeneratedRegex(@"provided:\s*\S*?(?:…|\*{3,})(?<tail>[A-Za-z0-9_\-]{4})\b(?!\.{2}|…|\*)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EchoedTail();
}
