using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>
/// OpenRouter's key formats (trufflehog <c>pkg/detectors/openrouter</c>, checked 2026-11: <c>sk-or-v1-</c> + 64 lower
/// hex; OpenRouter's docs show keys as <c>sk-or-v1-…</c>), and any other <c>sk-or-</c> key (older or provisioning
/// formats) claimed by prefix.
/// </summary>
internal static class OpenRouterKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("sk-or-v1-", KeyPlatform.OpenRouter, "OpenRouter API key", 64, 64, KeyBodyClass.LowerHex),
        KeyShapeRule.For("sk-or-", KeyPlatform.OpenRouter, "OpenRouter key", 32, 200, KeyBodyClass.Base64Url),
    ];
}
