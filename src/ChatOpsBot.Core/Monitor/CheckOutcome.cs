using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Monitor;

/// <summary>One check's result as the state machine sees it.</summary>
public sealed record CheckOutcome(DateTimeOffset At, bool Passed, string Code, Severity Severity, string Title);
