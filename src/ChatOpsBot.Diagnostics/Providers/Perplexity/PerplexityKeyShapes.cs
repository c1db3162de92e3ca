using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.Perplexity;

/// <summary>
/// Perplexity's key format: <c>pplx-</c> + 48 letters and digits (trufflehog's Perplexity detector, checked 2026-11;
/// up to 56 accepted, as in the shared list this rule came from).
/// </summary>
internal static class PerplexityKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.For("pplx-", KeyPlatform.Perplexity, "Perplexity API key", 48, 56, KeyBodyClass.Alphanumeric),
    ];
}
