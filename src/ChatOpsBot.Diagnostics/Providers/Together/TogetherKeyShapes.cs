using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Together;

/// <summary>
/// Together's newer keys: <c>tgp_v1_</c> + 43 base64url characters (betterleaks
/// <c>cmd/generate/config/rules/togetherai.go</c>, <c>tgp_v1_[A-Za-z0-9_-]{43}</c>, checked 2026-12). Older keys are
/// 64 bare hex characters with no prefix: a bare shape names no one platform (other platforms issue such strings too),
/// so a key of it is one Together's could be (<see cref="KeyShape.CouldBe"/>), never one it is.
/// </summary>
internal static class TogetherKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("tgp_v1_", KeyPlatform.Together, "Together AI API key", 43, 43, KeyBodyClass.Base64Url),
        KeyShapeRule.Whole("", KeyPlatform.Together, "Together AI legacy API key", 64, KeyBodyClass.LowerHex),
    ];
}
