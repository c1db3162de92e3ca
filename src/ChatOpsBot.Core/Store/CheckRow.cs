namespace ChatOpsBot.Core.Store;

/// <summary>One check kept in the history; never a key.</summary>
public sealed record CheckRow(string Target, DateTimeOffset At, bool Passed, string Code, TimeSpan Latency);
