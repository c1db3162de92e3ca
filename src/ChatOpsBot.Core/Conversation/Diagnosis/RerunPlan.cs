namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>What a Re-run button runs again: team keys by name (a user's own key is never kept).</summary>
public sealed record RerunPlan(IReadOnlyList<string> TeamKeyNames, string? Model, bool Deep);
