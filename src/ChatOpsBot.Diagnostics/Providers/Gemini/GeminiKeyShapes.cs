using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Gemini;

/// <summary>
/// Google's API key formats (gitleaks <c>cmd/generate/config/rules/gcp.go</c>: AIza + 35; Google "Using Gemini API
/// keys", ai.google.dev/gemini-api/docs/api-key: new auth keys start with "AQ.").
/// </summary>
internal static class GeminiKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("AIza", KeyPlatform.Google, "Google (Gemini) API key", 35, 35, KeyBodyClass.Base64Url),
        KeyShapeRule.For("AQ.", KeyPlatform.Google, "Google (Gemini) auth key", 30, 300, KeyBodyClass.Base64UrlDot),
    ];
}
