namespace ChatOpsBot.Diagnostics.Reports;

/// <summary>
/// Picks a provider's verdict from its findings (docs/contract.md, The verdict): an error beats a warning; among errors the
/// earliest stage wins, except that the provider's own explicit answer beats a guess from the key's shape alone;
/// <c>ok</c> only when the probe succeeded and nothing is an error.
/// </summary>
public static class VerdictRanker
{
    /// <summary>Codes that are guesses from a key's shape, which a provider's explicit answer overrides.</summary>
    private static readonly HashSet<string> ShapeGuesses =
    [
        VerdictCodes.KeyWrongPlatform, VerdictCodes.KeyMalformed, VerdictCodes.KeyAdminKey,
    ];

    /// <summary>
    /// Provider answers that a shape guess explains better than the provider does ("invalid key" from a Gemini key
    /// sent to Anthropic is a wrong-platform problem), so they do not override it.
    /// </summary>
    private static readonly HashSet<string> ExplainedByShape =
    [
        VerdictCodes.AuthInvalidKey, VerdictCodes.AuthMissingKey, VerdictCodes.AuthPermissionDenied,
    ];

    private static bool IsShapeGuess(Finding finding) => !finding.FromProviderAnswer && ShapeGuesses.Contains(finding.Code);

    public static Finding Rank(IReadOnlyList<Finding> findings, bool probeSucceeded)
    {
        ArgumentNullException.ThrowIfNull(findings);
        // A key the provider accepted is not malformed, whatever its shape suggested.
        var errors = findings.Where(f => f.IsError && !(probeSucceeded && IsShapeGuess(f))).ToList();
        if (errors.Count > 0)
        {
            var providerAnswers = errors.Where(f => f.FromProviderAnswer).ToList();
            var candidates = errors;
            if (providerAnswers.Any(f => !ExplainedByShape.Contains(f.Code)))
            {
                // The provider spoke plainly: a shape guess is no longer the best explanation.
                var withoutGuesses = errors.Where(f => !IsShapeGuess(f)).ToList();
                if (withoutGuesses.Count > 0)
                {
                    candidates = withoutGuesses;
                }
            }

            return candidates.OrderBy(f => f.Stage).First();
        }

        if (probeSucceeded)
        {
            return findings.LastOrDefault(f => f.FromProviderAnswer && f.Code == VerdictCodes.Ok && f.Stage == DiagnosticStage.Auth)
                ?? findings.Last(f => f.Code == VerdictCodes.Ok);
        }

        // No error, but no successful probe either (e.g. cut short): the most severe finding speaks.
        return findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Stage).FirstOrDefault()
            ?? Finding.Create(VerdictCodes.NetworkTimeout, DiagnosticStage.Key, null, "Nothing was checked.");
    }
}
