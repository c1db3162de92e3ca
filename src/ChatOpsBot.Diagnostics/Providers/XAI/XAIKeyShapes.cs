using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.XAI;

/// <summary>
/// xAI's key format: <c>xai-</c> + 80 letters and digits (osv-scanner veles <c>grokxaiapikey</c>, checked 2026-11;
/// xAI's own answers show keys as <c>xai-...abcd</c>).
/// </summary>
internal static class XAIKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("xai-", KeyPlatform.XAI, "xAI (Grok) API key", 80, 80, KeyBodyClass.Alphanumeric),
    ];
}
