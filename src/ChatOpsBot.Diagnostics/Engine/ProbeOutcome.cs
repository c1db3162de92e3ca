using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>What a probe produced: an answer, or a transport failure; and every attempt either way.</summary>
/// <param name="Response">The answer, or null when none came.</param>
/// <param name="Failure">The transport failure as a finding (connect, TLS, proxy, timeout), or null.</param>
/// <param name="Attempts">Each attempt, in order.</param>
/// <param name="Elapsed">From the first send to the end of the body.</param>
public sealed record ProbeOutcome(ProbeResponse? Response, Finding? Failure, IReadOnlyList<ProbeAttempt> Attempts, TimeSpan Elapsed);
