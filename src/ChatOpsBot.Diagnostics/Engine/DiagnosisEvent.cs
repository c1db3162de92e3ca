namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Progress of a running diagnosis, streamed as stages finish so a chat message can update live.</summary>
public abstract record DiagnosisEvent(ProviderId Provider);
