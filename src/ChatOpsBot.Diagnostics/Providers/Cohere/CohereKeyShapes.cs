using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Cohere;

/// <summary>
/// Cohere's keys are 40 bare letters and digits with no prefix (gitleaks <c>cmd/generate/config/rules/cohere.go</c>,
/// <c>[a-zA-Z0-9]{40}</c> only next to "cohere" or "CO_API_KEY", checked 2026-12). A bare shape names no one platform:
/// a key of it is one Cohere's could be (<see cref="KeyShape.CouldBe"/>), never one it is.
/// </summary>
internal static class CohereKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.Whole("", KeyPlatform.Cohere, "Cohere API key", 40, KeyBodyClass.Alphanumeric),
    ];
}
