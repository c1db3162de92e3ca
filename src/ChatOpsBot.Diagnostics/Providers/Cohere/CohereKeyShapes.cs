using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Cohere;

/// <summary>
/// Cohere's keys are 40 bare letters and digits with no prefix (trufflehog's Cohere detector matches 40 alphanumerics
/// only next to the word "cohere"; gitleaks has no Cohere rule): nothing to recognise them by, so no shape is claimed.
/// </summary>
internal static class CohereKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } = [];
}
