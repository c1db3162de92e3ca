using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>What the directly asked DNS server said.</summary>
/// <param name="Server">The server asked.</param>
/// <param name="Addresses">The A and AAAA addresses it answered.</param>
/// <param name="ElapsedMs">How long it took.</param>
/// <param name="Failure">Why no address came back, or null when some did.</param>
public sealed record DirectDnsAnswer(IPEndPoint Server, IReadOnlyList<IPAddress> Addresses, string? Failure, double ElapsedMs);
