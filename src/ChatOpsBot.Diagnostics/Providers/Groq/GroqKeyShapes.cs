using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Groq;

/// <summary>
/// Groq's key format: <c>gsk_</c> + 52 letters and digits (gitleaks <c>cmd/generate/config/rules/groq.go</c>,
/// <c>gsk_[a-zA-Z0-9]{52}</c>, checked 2026-12; Groq is a GitHub secret-scanning partner for this prefix).
/// </summary>
internal static class GroqKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("gsk_", KeyPlatform.Groq, "Groq API key", 52, 52, KeyBodyClass.Alphanumeric),
    ];
}
