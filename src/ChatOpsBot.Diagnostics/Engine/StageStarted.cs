namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>A stage began.</summary>
public sealed record StageStarted(ProviderId Provider, DiagnosticStage Stage) : DiagnosisEvent(Provider);
