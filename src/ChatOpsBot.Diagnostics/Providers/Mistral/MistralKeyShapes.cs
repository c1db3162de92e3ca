using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Mistral;

/// <summary>
/// Mistral's keys are 32 bare letters and digits with no prefix (trufflehog <c>pkg/detectors/mistral</c> matches
/// <c>[a-zA-Z0-9]{32}</c> only next to the word "mistral"; Codestral keys look the same). A bare shape names no one
/// platform: a key of it is one Mistral's could be (<see cref="KeyShape.CouldBe"/>), never one it is, and 32 hex
/// characters fit Azure OpenAI's keys as well.
/// </summary>
internal static class MistralKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.Whole("", KeyPlatform.Mistral, "Mistral API key", 32, KeyBodyClass.Alphanumeric),
    ];
}
