using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>A finished diagnosis behind a button token. The report is already scrubbed and holds no key.</summary>
public sealed record StoredResult(ChatUser Owner, DiagnosisReport Report, RerunPlan? Rerun, ReplyVisibility Visibility, DateTimeOffset Expires);
