using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

/// <summary>
/// Asserts that text holds no secret material of a key (12-character windows beyond its public prefix, per the
/// scrubber's own fragment rule). Outputs users see are checked with the stricter shared <c>ChatOpsBot.Testing.LeakAssert</c>.
/// </summary>
public static class KeyWindowAssert
{
    public static void NoSecretIn(string text, string key, string? prefix = null)
    {
        prefix ??= KeyShapes.Identify(key).Prefix;
        foreach (var window in FakeKeys.SecretWindows(key, prefix))
        {
            Assert.False(text.Contains(window, StringComparison.Ordinal), $"leaked \"{window}\" in: {text}");
        }
    }

    public static void NoSecretIn(KeyInspection inspection, string key, string? prefix = null)
    {
        foreach (var finding in inspection.Findings)
        {
            NoSecretIn(string.Join("\n", finding.Title, finding.Detail, string.Join("\n", finding.NextSteps), finding.Evidence.ToJsonString()), key, prefix);
        }
    }
}
