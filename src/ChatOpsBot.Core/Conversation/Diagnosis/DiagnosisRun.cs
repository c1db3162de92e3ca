using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>One key to diagnose: the request, its checklist label, and the team key's name if it is one.</summary>
public sealed record DiagnosisRun(DiagnosisRequest Request, string? Label, string? KeyName);
