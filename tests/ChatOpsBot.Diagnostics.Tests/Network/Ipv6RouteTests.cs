using System.Net;
using System.Net.Sockets;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>
/// IPv4 against IPv6 for a name with A and AAAA records. IPv4 is a real listener on 127.0.0.1; the IPv6 side never
/// touches the network (a documentation address, its connect replaced), so a route that never answers is just time.
/// </summary>
public sealed class Ipv6RouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IPAddress[]> Both(string name, AddressFamily family, CancellationToken ct) => Task.FromResult(
        family == AddressFamily.InterNetwork ? new[] { IPAddress.Loopback } : [IPAddress.Parse("2001:db8::1")]);

    private static RouteInfo Route(int port) => new(new Uri($"http://llm.test:{port}/v1"), null, null, null, true);

    [Fact]
    public async Task RunAsync_Ipv6TimesOutIpv4Works_Ipv6BrokenWarning()
    {
        var time = new FakeTimeProvider();
        var attempted = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(time, Both, new NetworkProbeOptions
        {
            CompareIpv6 = true,
            Ipv6Timeout = TimeSpan.FromSeconds(3),
            Ipv6ConnectOverride = async (endpoint, ct) =>
            {
                attempted.TrySetResult(endpoint);
                await Task.Delay(Timeout.InfiniteTimeSpan, ct); // packets dropped: no answer ever
            },
        });

        var running = sut.RunAsync(Route(server.Port), ProviderId.OpenAI, new PhaseTracker(), Ct);
        var endpoint = await attempted.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await running;

        Assert.True(result.Reachable);
        Assert.Equal(server.Port, endpoint.Port);
        var broken = Assert.Single(result.Findings, f => f.Code == VerdictCodes.NetworkIpv6Broken);
        Assert.Equal(Severity.Warn, broken.Severity);
        Assert.Equal("IPv6 is broken on this route; IPv4 works", broken.Title);
        Assert.Contains("times out", broken.Detail, StringComparison.Ordinal);
        Assert.Equal(nameof(SocketError.TimedOut), (string?)broken.Evidence["ipv6_outcome"]);
        Assert.Equal("2001:db8::1", (string?)broken.Evidence["ipv6_address"]);
        Assert.Contains(broken.NextSteps, s => s.Contains("gai.conf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Ipv6Works_NoFinding()
    {
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(TimeProvider.System, Both, new NetworkProbeOptions
        {
            CompareIpv6 = true,
            Ipv6ConnectOverride = (_, _) => Task.CompletedTask,
        });

        var result = await sut.RunAsync(Route(server.Port), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.True(result.Reachable);
        Assert.DoesNotContain(result.Findings, f => f.Code == VerdictCodes.NetworkIpv6Broken);
    }

    [Theory]
    [InlineData(SocketError.NetworkUnreachable, "has no route")]
    [InlineData(SocketError.HostUnreachable, "is unreachable")]
    [InlineData(SocketError.ConnectionRefused, "is refused")]
    public void Judge_Failure_WarnsWithReason(SocketError error, string expected)
    {
        var finding = Ipv6RouteCheck.Judge(ProviderId.Gemini, "generativelanguage.googleapis.com", 12, IPAddress.Parse("2001:db8::1"), error, 5, TimeSpan.FromSeconds(3));

        Assert.NotNull(finding);
        Assert.Equal(VerdictCodes.NetworkIpv6Broken, finding.Code);
        Assert.Contains(expected, finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MachineWithoutIpv6_NothingToSay() =>
        Assert.Null(Ipv6RouteCheck.Judge(ProviderId.OpenAI, "api.openai.com", 12, IPAddress.Parse("2001:db8::1"), SocketError.AddressFamilyNotSupported, 0, TimeSpan.FromSeconds(3)));
}
