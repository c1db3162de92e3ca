using System.Text.RegularExpressions;
using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// Masks whole keys a provider echoes back in its message (Google writes <c>Consumer 'api_key:AIza…'</c> with the
/// full key) before the message is quoted. Defence in depth: the engine's scrubber runs afterwards as well.
/// </summary>
public static partial class EchoMask
{
    /// <summary>
    /// <paramref name="message"/> with full Google keys and long <c>sk-</c> keys cut to their shown form, and the long
    /// runs of asterisks providers mask echoed keys with (OpenAI writes ~150 of them) folded to one "…", so a quoted
    /// excerpt keeps the key's last four characters instead of ending in asterisks. A masked echo whose visible head
    /// starts with no known prefix (OpenAI shows the first 8 characters of any key: a bare Mistral or Azure key's are
    /// all secret) keeps its tail only.
    /// </summary>
    public static string Apply(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A truncated echo ("sk-proj-AbCd…" or "AIzaSyAb..."): its last characters are from the middle of the key, not
        // its end, so nothing of it is shown (and nothing compared with the key's real end).
        var masked = FullKey().Replace(message, m => m.Groups["cut"].Success
            ? m.Groups["prefix"].Value + "…"
            : m.Groups["prefix"].Value + "…" + m.Groups["body"].Value[^4..]);
        masked = MaskedEcho().Replace(masked, m => KeyShapes.Identify(m.Groups["head"].Value).Prefix.Length == 0
            ? "…"
            : m.Value);
        return StarRun().Replace(masked, "…");
    }

    // The visible head of a masked echo ("9f8e7d6c****"): what comes before a run of asterisks.
    [GeneratedRegex(@"(?<![0-9A-Za-z_\-])(?<head>[0-9A-Za-z_\-]{1,16})\*{3,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MaskedEcho();

    [GeneratedRegex(@"\*{3,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex StarRun();

    [GeneratedRegex(@"(?<prefix>AIza|sk-ant-|sk-proj-|sk-)(?<body>[0-9A-Za-z_\-]{24,})(?<cut>\.{2,}|…)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FullKey();
}
