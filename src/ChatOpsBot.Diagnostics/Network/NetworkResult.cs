namespace ChatOpsBot.Diagnostics.Network;

/// <summary>The network stage's outcome.</summary>
/// <param name="Reachable">False when DNS, connect or TLS failed so an HTTP probe cannot succeed.</param>
/// <param name="Findings">Timed findings (DNS, connect, TLS), passing ones included.</param>
public sealed record NetworkResult(bool Reachable, IReadOnlyList<Finding> Findings);
