using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Network;

public sealed partial class NetworkProbe
{
    private const string Ipv6Phase = "ipv6 connect";

    private Func<IPEndPoint, CancellationToken, Task>? Ipv6ConnectOverride => _options.Ipv6ConnectOverride;

    /// <summary>What an IPv6 attempt beside a working IPv4 connection says, or null when there is nothing to say.</summary>
    internal static Finding? JudgeIpv6(ProviderId provider, string host, double ipv4Ms, IPAddress ipv6, SocketError? error, double ipv6Ms, TimeSpan limit)
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
            $"IPv6 to {host} ({ipv6}) {how}, while IPv4 connected in {Ms(ipv4Ms)}: clients that try IPv6 first will hang before falling back.",
            evidence,
            Severity.Warn);
    }

    private async Task<Finding?> CheckIpv6Async(
        Hop hop, ProviderId provider, ConnectAttempt connected, IReadOnlyList<IPAddress> candidates, PhaseTracker phase, CancellationToken cancellationToken)
    {
        var ipv6 = candidates.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv4MappedToIPv6);
        if (connected.Address.AddressFamily != AddressFamily.InterNetwork || ipv6 is null)
        {
            return null;
        }

        phase.Enter(DiagnosticStage.Network, Ipv6Phase);
        var start = _timeProvider.GetTimestamp();
        using var limit = new CancellationTokenSource(Ipv6Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        SocketError? error = null;
        try
        {
            var endpoint = new IPEndPoint(ipv6, hop.Port);
            if (Ipv6ConnectOverride is { } connect)
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

        return JudgeIpv6(provider, hop.Host, connected.ElapsedMs, ipv6, error, ElapsedMs(start), Ipv6Timeout);
    }
}
