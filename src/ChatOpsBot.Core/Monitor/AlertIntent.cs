namespace ChatOpsBot.Core.Monitor;

/// <summary>An alert the state machine decided to send.</summary>
/// <param name="Reason">Why.</param>
/// <param name="PreviousCode">What the channels were told before (for a changed verdict or a recovery).</param>
/// <param name="FailingSince">When the failure began (for a recovery: the failure that ended).</param>
/// <param name="Changes">For flapping: how many changes were seen in the window.</param>
public sealed record AlertIntent(AlertReason Reason, string? PreviousCode, DateTimeOffset? FailingSince, int Changes = 0);
