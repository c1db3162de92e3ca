using System.Net;
using System.Net.Sockets;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>The system resolver compared with a second DNS server asked over UDP on 127.0.0.1.</summary>
public sealed class DirectDnsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>> System(params string[] addresses) =>
        (_, family, _) => Task.FromResult(addresses.Select(IPAddress.Parse).Where(a => a.AddressFamily == family).ToArray());

    [Fact]
    public async Task RunAsync_SystemResolverSinkholesProviderHost_HijackedWithBothAnswers()
    {
        await using var dns = new FakeDnsServer(["104.18.33.45", "2606:4700::6812:212d"]);
        var sut = new NetworkProbe(TimeProvider.System, System("0.0.0.0"), new NetworkProbeOptions
        {
            DirectResolver = new UdpDnsResolver(dns.Endpoint, TimeProvider.System),
        });
        var route = new RouteInfo(new Uri("https://api.openai.com/v1/models"), null, null, null, false);

        var result = await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        var hijacked = Assert.Single(result.Findings, f => f.Code == VerdictCodes.NetworkDnsHijacked);
        Assert.Equal(Severity.Error, hijacked.Severity);
        Assert.Equal("[\"0.0.0.0\"]", hijacked.Evidence["addresses"]!.ToJsonString());
        Assert.Equal("[\"104.18.33.45\",\"2606:4700::6812:212d\"]", hijacked.Evidence["direct_addresses"]!.ToJsonString());
        Assert.Equal(dns.Endpoint.ToString(), (string?)hijacked.Evidence["dns_server"]);
        Assert.False((bool)hijacked.Evidence["answers_agree"]!);
        Assert.Contains($"The DNS server {dns.Endpoint} answers 104.18.33.45", hijacked.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SystemResolverFailsButServerAnswers_DnsFailedBlamesLocalResolver()
    {
        await using var dns = new FakeDnsServer(["162.159.140.245"]);
        var sut = new NetworkProbe(TimeProvider.System, (_, _, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)), new NetworkProbeOptions
        {
            DirectResolver = new UdpDnsResolver(dns.Endpoint, TimeProvider.System),
        });
        var route = new RouteInfo(new Uri("https://api.anthropic.com/v1/models"), null, null, null, false);

        var result = await sut.RunAsync(route, ProviderId.Anthropic, new PhaseTracker(), Ct);

        var failed = Assert.Single(result.Findings);
        Assert.Equal(VerdictCodes.NetworkDnsFailed, failed.Code);
        Assert.Contains("this machine's resolver", failed.Detail, StringComparison.Ordinal);
        Assert.Equal("[\"162.159.140.245\"]", failed.Evidence["direct_addresses"]!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_AnswersAgree_PassCarriesBothAnswers()
    {
        await using var dns = new FakeDnsServer(["127.0.0.1"]);
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(TimeProvider.System, System("127.0.0.1"), new NetworkProbeOptions
        {
            DirectResolver = new UdpDnsResolver(dns.Endpoint, TimeProvider.System),
        });
        var route = new RouteInfo(new Uri($"http://llm.test:{server.Port}/v1"), null, null, null, true);

        var result = await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.True(result.Reachable);
        var pass = result.Findings[0];
        Assert.Equal(VerdictCodes.Ok, pass.Code);
        Assert.True((bool)pass.Evidence["answers_agree"]!);
        Assert.Equal("[\"127.0.0.1\"]", pass.Evidence["direct_addresses"]!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_ServerNeverAnswers_WarnsAfterTimeoutWithoutSleeping()
    {
        var time = new FakeTimeProvider();
        await using var dns = new FakeDnsServer(silent: true);
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(time, System("127.0.0.1"), new NetworkProbeOptions
        {
            DirectResolver = new UdpDnsResolver(dns.Endpoint, time),
            DnsTimeout = TimeSpan.FromSeconds(2),
        });
        var route = new RouteInfo(new Uri($"http://llm.test:{server.Port}/v1"), null, null, null, true);

        var running = sut.RunAsync(route, ProviderId.Gemini, new PhaseTracker(), Ct);
        await dns.QueryReceived.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await running;

        Assert.True(result.Reachable);
        var silent = Assert.Single(result.Findings, f => f.Code == VerdictCodes.NetworkDnsFailed);
        Assert.Equal(Severity.Warn, silent.Severity);
        Assert.Equal("The second DNS server did not answer", silent.Title);
        Assert.Contains("timed out", (string?)silent.Evidence["direct_dns_failure"], StringComparison.Ordinal);
        Assert.Contains(silent.NextSteps, s => s.Contains("UDP port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryAsync_Nxdomain_ReportsIt()
    {
        await using var dns = new FakeDnsServer(rcode: 3);
        var sut = new UdpDnsResolver(dns.Endpoint, TimeProvider.System);

        var answer = await sut.QueryAsync("nope.invalid", TimeSpan.FromSeconds(10), Ct);

        Assert.Empty(answer.Addresses);
        Assert.StartsWith("NXDOMAIN", answer.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ClosedPort_RefusedOrTimedOutNeverThrows()
    {
        var time = new FakeTimeProvider();
        var port = LoopbackServer.ClosedPort(); // a TCP port; nothing listens on UDP there either in practice
        var sut = new UdpDnsResolver(new IPEndPoint(IPAddress.Loopback, port), time);

        var running = sut.QueryAsync("api.openai.com", TimeSpan.FromSeconds(1), Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        var answer = await running;

        Assert.Empty(answer.Addresses);
        Assert.NotNull(answer.Failure);
    }

    [Theory]
    [InlineData("1.1.1.1", "1.1.1.1:53")]
    [InlineData("127.0.0.1:5353", "127.0.0.1:5353")]
    [InlineData("[::1]:5353", "[::1]:5353")]
    [InlineData("2606:4700:4700::1111", "[2606:4700:4700::1111]:53")]
    [InlineData(" 9.9.9.9 ", "9.9.9.9:53")]
    public void TryParseServer_Valid(string text, string expected)
    {
        Assert.True(UdpDnsResolver.TryParseServer(text, out var endpoint));
        Assert.Equal(expected, endpoint.ToString());
    }

    [Theory]
    [InlineData("dns.google")]
    [InlineData("udp://1.1.1.1")]
    [InlineData("1.1.1.1:0")]
    [InlineData("")]
    public void TryParseServer_Invalid(string text) => Assert.False(UdpDnsResolver.TryParseServer(text, out _));

    [Fact]
    public void AddDiagnostics_DnsServerNotAnAddress_ConfigurationErrorNamesTheSetting()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Network:DnsServer"] = "dns.google" })
            .Build());
        services.AddDiagnostics();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NetworkOptions>>().Value);

        Assert.Contains("Network:DnsServer", error.Message, StringComparison.Ordinal);
    }
}
