using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>Key hygiene: the offline, instant first stage. (Placeholder signature: implemented by the keys work.)</summary>
public static class KeyInspector
{
    /// <summary>Inspects <paramref name="raw"/> as a key meant for <paramref name="expected"/>.</summary>
    /// <param name="raw">The key exactly as received, or null.</param>
    /// <param name="expected">The provider it is meant for.</param>
    /// <param name="source">Where it came from (stdin and files may carry one trailing newline legitimately).</param>
    /// <param name="origin">Where it was read from, for messages (e.g. "OPENAI_API_KEY"); never the key.</param>
    public static KeyInspection Inspect(string? raw, ProviderId expected, KeySource source, string? origin) =>
        throw new NotImplementedException();
}
