using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The IPv6 comparison of <see cref="NetworkProbe"/>: once IPv4 has connected and the name has AAAA records, connect
/// over IPv6 too; "IPv6 times out, IPv4 works" is <c>network.ipv6_broken</c>.
/// </summary>
/// <param name="timeProvider">Times the attempt and bounds it.</param>
/// <param name="timeout">How long the attempt may take (<see cref="NetworkProbeOptions.Ipv6Timeout"/>).</param>
/// <param name="connectOverride">Tests only: replaces the socket connect (<see cref="NetworkProbeOptions.Ipv6ConnectOverride"/>).</param>
internal sealed class Ipv6RouteCheck(TimeProvider timeProvider, TimeSpan timeout, Func<IPEndPoint, CancellationToken, Task>? connectOverride)
{
    private const string Ipv6Phase = "ipv6 connect";

    /// <summary>What an IPv6 attempt beside a working IPv4 connection says, or null when there is nothing to say.</summary>
    internal static Finding? Judge(ProviderId provider, string host, double ipv4Ms, IPAddress ipv6, SocketError? error, double ipv6Ms, TimeSpan limit)
    {
        if (error is null or SocketError.AddressFamilyNotSupported)
        {
            return null; // it works, or this machine has no IPv6 at all (then nothing tries it)
        }

        var how = error switch
        {
            SocketError.TimedOut => $"times out (no answer in {(long)limit.TotalMilliseconds} ms)",
            SocketError.NetworkUnreachable => "has no route (NetworkUnreachable)",
            SocketError.HostUnreachable => "is unreachable (HostUnreachable)",
            SocketError.ConnectionRefused => "is refused (ConnectionRefused)",
            { } other => $"fails ({other})",
        };
        var evidence = new JsonObject
        {
            ["host"] = host,
            ["ipv6_address"] = ipv6.ToString(),
            ["ipv6_outcome"] = error.ToString(),
            ["ipv6_ms"] = ipv6Ms,
            ["ipv4_connect_ms"] = ipv4Ms,
        };
        return Finding.Create(
            VerdictCodes.NetworkIpv6Broken,
            DiagnosticStage.Network,
            provider,
            $"IPv6 to {host} ({ipv6}) {how}, while IPv4 connected in {NetworkFindings.Ms(ipv4Ms)}: clients that try IPv6 first will hang before falling back.",
            evidence,
            Severity.Warn);
    }

    /// <summary>The finding when IPv6 fails beside the IPv4 connection to <paramref name="connected"/>; null: nothing to say.</summary>
    public async Task<Finding?> CheckAsync(
        string host, int port, ProviderId provider, IPAddress connected, double ipv4Ms, IReadOnlyList<IPAddress> candidates, PhaseTracker phase, CancellationToken cancellationToken)
    {
        var ipv6 = candidates.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv4MappedToIPv6);
        if (connected.AddressFamily != AddressFamily.InterNetwork || ipv6 is null)
        {
            return null;
        }

        phase.Enter(DiagnosticStage.Network, Ipv6Phase);
        var start = timeProvider.GetTimestamp();
        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        SocketError? error = null;
        try
        {
            var endpoint = new IPEndPoint(ipv6, port);
            if (connectOverride is { } connect)
            {
                await connect(endpoint, linked.Token).ConfigureAwait(false);
            }
            else
            {
                using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(endpoint, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = SocketError.TimedOut;
        }
        catch (SocketException ex)
        {
            error = ex.SocketErrorCode;
        }

        return Judge(provider, host, ipv4Ms, ipv6, error, Math.Round(timeProvider.GetElapsedTime(start).TotalMilliseconds, 2), timeout);
    }
}
