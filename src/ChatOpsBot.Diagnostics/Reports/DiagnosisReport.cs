namespace ChatOpsBot.Diagnostics.Reports;

/// <summary>The outcome of one diagnosis run over one or more providers.</summary>
public sealed record DiagnosisReport(IReadOnlyList<ProviderReport> Providers, TimeSpan Elapsed)
{
    /// <summary>True when every provider's verdict is <c>ok</c>.</summary>
    public bool AllOk => Providers.All(p => p.Verdict.Code == VerdictCodes.Ok);
}
