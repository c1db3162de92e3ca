using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>A provider's diagnosis ended.</summary>
public sealed record ProviderFinished(ProviderId Provider, ProviderReport Report) : DiagnosisEvent(Provider);
