using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Mistral;

/// <summary>
/// Mistral's keys are 32 bare letters and digits with no prefix (gitleaks and trufflehog match them only next to the
/// word "mistral"; Codestral keys look the same): nothing in the key itself says Mistral, so no rule claims them by
/// shape, and a 32-character key given to another provider is not called a Mistral key.
/// </summary>
internal static class MistralKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } = [];
}
