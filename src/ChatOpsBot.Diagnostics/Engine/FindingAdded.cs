namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>A finding was made (already scrubbed of secrets).</summary>
public sealed record FindingAdded(ProviderId Provider, Finding Finding) : DiagnosisEvent(Provider);
