namespace ChatOpsBot.Core.Monitor;

/// <summary>One check in the history.</summary>
public sealed record CheckPoint(DateTimeOffset At, bool Passed, string Code, TimeSpan Latency);
