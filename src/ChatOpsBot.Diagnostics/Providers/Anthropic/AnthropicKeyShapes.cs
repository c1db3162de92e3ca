using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Anthropic;

/// <summary>
/// Anthropic's key and token formats (gitleaks <c>cmd/generate/config/rules/anthropic.go</c>, checked 2026-11):
/// sk-ant-api03-/sk-ant-admin01- + 93 + "AA", and the OAuth tokens and session cookie of a Claude subscription.
/// </summary>
internal static class AnthropicKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("sk-ant-api03-", KeyPlatform.Anthropic, "Anthropic API key", 95, 95, KeyBodyClass.Base64Url, suffix: "AA"),
        KeyShapeRule.For("sk-ant-admin01-", KeyPlatform.Anthropic, "Anthropic Admin API key", 95, 95, KeyBodyClass.Base64Url, admin: true, suffix: "AA"),
        KeyShapeRule.For("sk-ant-oat01-", KeyPlatform.Anthropic, "Anthropic OAuth token (Claude subscription)", 40, 400, KeyBodyClass.Base64Url),
        KeyShapeRule.For("sk-ant-ort01-", KeyPlatform.Anthropic, "Anthropic OAuth refresh token", 40, 400, KeyBodyClass.Base64Url),
        KeyShapeRule.For("sk-ant-sid01-", KeyPlatform.Anthropic, "claude.ai session cookie", 40, 400, KeyBodyClass.Base64Url),
        KeyShapeRule.For("sk-ant-", KeyPlatform.Anthropic, "Anthropic key of an unknown version", 40, 400, KeyBodyClass.Base64Url),
    ];
}
