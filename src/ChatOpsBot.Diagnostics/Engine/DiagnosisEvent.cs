using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Progress of a running diagnosis, streamed as stages finish so a chat message can update live.</summary>
public abstract record DiagnosisEvent(ProviderId Provider);

/// <summary>A stage began.</summary>
public sealed record StageStarted(ProviderId Provider, DiagnosticStage Stage) : DiagnosisEvent(Provider);

/// <summary>A finding was made (already scrubbed of secrets).</summary>
public sealed record FindingAdded(ProviderId Provider, Finding Finding) : DiagnosisEvent(Provider);

/// <summary>A provider's diagnosis ended.</summary>
public sealed record ProviderFinished(ProviderId Provider, ProviderReport Report) : DiagnosisEvent(Provider);
