using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.DeepSeek;

/// <summary>
/// DeepSeek's key format: <c>sk-</c> + 32 lower-case hex characters (trufflehog <c>pkg/detectors/deepseek</c>, checked
/// 2026-11; every key echoed in DeepSeek's 401s ends so). The sk- prefix is shared with OpenAI and with gateways, so
/// only a whole key of exactly that shape is named DeepSeek's.
/// </summary>
internal static class DeepSeekKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.Whole("sk-", KeyPlatform.DeepSeek, "DeepSeek API key", 32, KeyBodyClass.LowerHex),
    ];
}
