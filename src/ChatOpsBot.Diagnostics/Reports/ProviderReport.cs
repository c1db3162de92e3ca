namespace ChatOpsBot.Diagnostics.Reports;

/// <summary>The outcome for one provider: its verdict and every finding, in stage order.</summary>
/// <param name="Provider">Which provider.</param>
/// <param name="Verdict">The most decisive finding (see <see cref="VerdictRanker"/>).</param>
/// <param name="KeyShown">The key's shown form (<c>sk-proj-…a1b2</c>), or null when no key was given.</param>
/// <param name="KeyFingerprint">First 8 hex of the key's SHA-256, or null.</param>
/// <param name="Elapsed">Wall time of this provider's diagnosis.</param>
/// <param name="Findings">All findings, in the order they were found.</param>
/// <param name="Complete">False when the deadline cut the diagnosis short.</param>
public sealed record ProviderReport(
    ProviderId Provider,
    Finding Verdict,
    string? KeyShown,
    string? KeyFingerprint,
    TimeSpan Elapsed,
    IReadOnlyList<Finding> Findings,
    bool Complete)
{
    /// <summary>The severity of the report as a whole: <c>ok</c> unless the verdict is a failure.</summary>
    public Severity Severity => Verdict.Severity;
}
