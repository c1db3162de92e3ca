namespace ChatOpsBot.Core.Monitor;

public sealed record SubscriptionChange(SubscriptionOutcome Outcome, string? Problem = null);
