using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>One TCP connect to one address: null <see cref="Error"/> when it connected.</summary>
internal sealed record ConnectAttempt(IPAddress Address, SocketError? Error, double ElapsedMs);
