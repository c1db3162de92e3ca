namespace ChatOpsBot.Core.Monitor;

/// <summary>A test alert was queued; <see cref="Problem"/> says why it cannot be (unknown destination form, platform off).</summary>
public sealed record TestAlertQueued(bool Queued, string? Problem = null);
