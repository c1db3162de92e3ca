using System.Net;
using System.Net.Sockets;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>With <c>Network:DnsServer</c> set, a host that DNS cannot carry is a finding, never an exception.</summary>
public sealed class DnsNameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BadNames => new()
    {
        new string('a', 64) + ".example.com",                                  // a label longer than 63
        string.Join('.', Enumerable.Repeat(new string('b', 60), 5)),            // a name longer than 253
        "api..openai.com",                                                     // an empty label
        "a" + new string('ü', 70) + ".example",                                // non-ASCII, too long even as punycode
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task QueryAsync_NameDnsCannotCarry_FailureWithoutSendingOrThrowing(string host)
    {
        await using var dns = new FakeDnsServer(["127.0.0.1"]);
        var sut = new UdpDnsResolver(dns.Endpoint, TimeProvider.System);

        var answer = await sut.QueryAsync(host, TimeSpan.FromSeconds(10), Ct);

        Assert.Empty(answer.Addresses);
        Assert.Contains("not a name DNS can carry", answer.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(host, answer.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_NonAsciiName_AskedInPunycode()
    {
        await using var dns = new FakeDnsServer(["127.0.0.1"]);
        var sut = new UdpDnsResolver(dns.Endpoint, TimeProvider.System);

        var answer = await sut.QueryAsync("bücher.example", TimeSpan.FromSeconds(10), Ct);

        Assert.Null(answer.Failure);
        Assert.Equal([IPAddress.Loopback], answer.Addresses);
    }

    public static TheoryData<string> BadUriHosts => new()
    {
        new string('a', 64) + ".example.com",
        string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".ccccccccccccc",
        "a" + new string('ü', 70) + ".example",
    };

    [Theory]
    [MemberData(nameof(BadUriHosts))]
    public async Task RunAsync_DnsServerSetAndHostDnsCannotCarry_FindingNotCrash(string host)
    {
        await using var dns = new FakeDnsServer(["127.0.0.1"]);
        var sut = new NetworkProbe(TimeProvider.System, (_, _, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)), new NetworkProbeOptions
        {
            DirectResolver = new UdpDnsResolver(dns.Endpoint, TimeProvider.System),
        });
        var route = new RouteInfo(new Uri($"https://{host}/v1"), null, null, null, true);

        var result = await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        Assert.Contains(result.Findings, f => f.Code == VerdictCodes.NetworkDnsFailed);
    }

    [Fact]
    public async Task RunAsync_SystemResolverRejectsAnOverlongName_DnsFailedNotCrash()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('c', 60), 5)); // 304 characters: Dns refuses it before asking anyone
        var sut = new NetworkProbe(TimeProvider.System);
        var route = new RouteInfo(new Uri($"https://{host}/v1"), null, null, null, true);

        var result = await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        Assert.Contains(result.Findings, f => f.Code == VerdictCodes.NetworkDnsFailed);
    }
}
