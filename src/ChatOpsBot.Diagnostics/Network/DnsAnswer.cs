using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>What the system resolver answered for A and AAAA together (or the IP literal itself), timed.</summary>
internal sealed record DnsAnswer(
    IReadOnlyList<IPAddress> Addresses, bool IsLiteral, double ElapsedMs, SocketError? AError, SocketError? AaaaError);
