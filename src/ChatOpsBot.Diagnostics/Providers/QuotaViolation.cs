namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>One entry of a Google <c>QuotaFailure.violations</c> list.</summary>
/// <param name="QuotaId">For example <c>GenerateRequestsPerDayPerProjectPerModel-FreeTier</c>.</param>
/// <param name="QuotaMetric">For example <c>generativelanguage.googleapis.com/generate_content_free_tier_requests</c>.</param>
public sealed record QuotaViolation(string? QuotaId, string? QuotaMetric)
{
    /// <summary>True for a per-minute quota (transient: waiting helps).</summary>
    public bool IsPerMinute => QuotaId?.Contains("PerMinute", StringComparison.Ordinal) == true;

    /// <summary>True for a free-tier quota.</summary>
    public bool IsFreeTier =>
        QuotaId?.Contains("FreeTier", StringComparison.OrdinalIgnoreCase) == true
        || QuotaMetric?.Contains("free_tier", StringComparison.OrdinalIgnoreCase) == true;
}
