namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>One HTTP attempt of a probe, kept as evidence (a retry is itself a finding).</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="Status">The HTTP status, or null when the attempt failed without an answer.</param>
/// <param name="Failure">What went wrong without an answer ("timeout", "connection reset"...), or null.</param>
/// <param name="Elapsed">How long the attempt took until headers (or failure).</param>
public sealed record ProbeAttempt(int Number, int? Status, string? Failure, TimeSpan Elapsed);
