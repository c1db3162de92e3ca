using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>What a trace endpoint said: the address and country it saw, and the edge location that answered.</summary>
public sealed record TraceAnswer(IPAddress Ip, string Country, string? Colo);
