using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.OpenAI;

/// <summary>
/// OpenAI's key formats (gitleaks <c>cmd/generate/config/rules/openai.go</c>, checked 2026-11): sk-proj-, sk-svcacct-,
/// sk-admin- with 124 or 156 body characters, and the legacy sk- + 48, recognised only when whole.
/// </summary>
internal static class OpenAIKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("sk-proj-", KeyPlatform.OpenAI, "OpenAI project API key", 80, 250, KeyBodyClass.Base64Url),
        KeyShapeRule.For("sk-svcacct-", KeyPlatform.OpenAI, "OpenAI service account key", 80, 250, KeyBodyClass.Base64Url),
        KeyShapeRule.For("sk-admin-", KeyPlatform.OpenAI, "OpenAI Admin API key", 80, 250, KeyBodyClass.Base64Url, admin: true),
        KeyShapeRule.For("sk-None-", KeyPlatform.OpenAI, "OpenAI user API key (sk-None-)", 40, 250, KeyBodyClass.Base64Url),
        KeyShapeRule.Whole("sk-", KeyPlatform.OpenAI, "OpenAI user API key (legacy sk-)", 48, KeyBodyClass.Alphanumeric),
    ];
}
