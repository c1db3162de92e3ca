using System.Net;
using System.Net.Sockets;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>
/// Route A/B through a CONNECT proxy on 127.0.0.1: the proxy's answer, and the direct route (the target name resolves
/// to 127.0.0.1 here, so nothing leaves this machine).
/// </summary>
public sealed class ProxyRouteCheckTests
{
    private const string Host = "api.openai.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IPAddress[]> Loopback(string name, AddressFamily family, CancellationToken ct) =>
        Task.FromResult(family == AddressFamily.InterNetwork && name == Host ? new[] { IPAddress.Loopback } : []);

    private static NetworkProbe Probe(NetworkCredential? credential = null, bool tryDirect = true) => new(TimeProvider.System, Loopback, new NetworkProbeOptions
    {
        AcceptLoopbackAnswers = true,
        ProxyChecks = new ProxyCheckOptions
        {
            TryDirect = tryDirect,
            Timeout = TimeSpan.FromSeconds(10),
            Credentials = _ => credential,
        },
    });

    private static RouteInfo Through(FakeConnectProxy proxy, int targetPort) => new(
        new Uri($"https://{Host}:{targetPort}/v1/models"), new Uri($"http://127.0.0.1:{proxy.Port}/"), "HTTPS_PROXY", null, false);

    [Fact]
    public async Task RunAsync_ProxyDemandsAuth_NetworkProxy407AndDirectRouteWorks()
    {
        await using var proxy = new FakeConnectProxy(ProxyBehaviour.DemandAuth);
        await using var direct = new LoopbackServer();

        var result = await Probe().RunAsync(Through(proxy, direct.Port), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        var finding = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkProxy, finding.Code);
        Assert.Equal(407, (int?)finding.Evidence["proxy_status"]);
        Assert.Equal("Basic realm=\"corp-proxy\"", (string?)finding.Evidence["proxy_authenticate"]);
        Assert.False((bool)finding.Evidence["proxy_credentials_sent"]!);
        Assert.StartsWith("works", (string?)finding.Evidence["direct_route"], StringComparison.Ordinal);
        Assert.Contains("demands authentication", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("The direct route works", finding.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"CONNECT {Host}:{direct.Port} HTTP/1.1", Assert.Single(proxy.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CredentialsRefused_SaysSoWithoutShowingThem()
    {
        await using var proxy = new FakeConnectProxy(ProxyBehaviour.DemandAuth);
        var closed = LoopbackServer.ClosedPort();

        var result = await Probe(new NetworkCredential("bob", "hunter2")).RunAsync(Through(proxy, closed), ProviderId.OpenAI, new PhaseTracker(), Ct);

        var finding = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkProxy, finding.Code);
        Assert.Contains("credentials in the proxy URL were refused", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("Proxy-Authorization: Basic", Assert.Single(proxy.Requests), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", finding.Detail + finding.Evidence.ToJsonString(), StringComparison.Ordinal);
        Assert.StartsWith("fails", (string?)finding.Evidence["direct_route"], StringComparison.Ordinal);
        Assert.Contains("only through the proxy", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProxyServesBlockPage_NetworkProxyWithPageTitle()
    {
        await using var proxy = new FakeConnectProxy(ProxyBehaviour.BlockPage);

        var result = await Probe(tryDirect: false).RunAsync(Through(proxy, 443), ProviderId.OpenAI, new PhaseTracker(), Ct);

        var finding = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkProxy, finding.Code);
        Assert.Equal(403, (int?)finding.Evidence["proxy_status"]);
        Assert.Equal("Access Denied - Category: Artificial Intelligence", (string?)finding.Evidence["block_page_title"]);
        Assert.Contains("block page", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("not tried", (string?)finding.Evidence["direct_route"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProxyResetsConnect_NetworkProxySaysReset()
    {
        await using var proxy = new FakeConnectProxy(ProxyBehaviour.Reset);
        await using var direct = new LoopbackServer();

        var result = await Probe().RunAsync(Through(proxy, direct.Port), ProviderId.Anthropic, new PhaseTracker(), Ct);

        var finding = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkProxy, finding.Code);
        Assert.Null(finding.Evidence["proxy_status"]);
        Assert.Contains("reset", (string?)finding.Evidence["proxy_failure"], StringComparison.Ordinal);
        Assert.Contains("The direct route works", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProxyInterceptsTls_TunnelPassesAndIssuerIsNamed()
    {
        using var ca = TestCertificates.Authority("CN=Corp Proxy Inspection CA, O=Example Corp Security");
        using var leaf = TestCertificates.IssuedBy(ca, Host);
        await using var proxy = new FakeConnectProxy(ProxyBehaviour.Intercept, leaf);

        var result = await Probe(tryDirect: false).RunAsync(Through(proxy, 443), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        Assert.Contains(result.Findings, f => f.Code == VerdictCodes.Ok && f.Title == $"Proxy tunnel to {Host}");
        var intercepted = Assert.Single(result.Findings, f => f.Code == VerdictCodes.NetworkTlsIntercepted);
        Assert.Equal("CN=Corp Proxy Inspection CA, O=Example Corp Security", (string?)intercepted.Evidence["tls_issuer"]);
        Assert.Equal(Host, (string?)intercepted.Evidence["tls_sni"]);
        Assert.Equal("CN=Corp Proxy Inspection CA, O=Example Corp Security", result.TlsIssuer);
    }
}

public sealed class ProxyUrlWithoutSchemeTests
{
    [Fact]
    public void RouteFinding_ProxyWithoutScheme_SaysHttpWasAssumed()
    {
        var route = new ProxyRoute(new NetworkOptions(), n => n == "HTTPS_PROXY" ? "proxy.corp.example:3128" : null)
            .Describe(new Uri("https://api.openai.com/v1/models"), customBaseUrl: false);

        var finding = DiagnosticEngine.RouteFinding(route, ProviderId.OpenAI);

        Assert.Equal(VerdictCodes.InfoRoute, finding.Code);
        Assert.True((bool)finding.Evidence["proxy_scheme_assumed"]!);
        Assert.Contains("HTTPS_PROXY has no scheme: http:// was assumed", finding.Title, StringComparison.Ordinal);
        Assert.Equal("http://proxy.corp.example:3128/", (string?)finding.Evidence["proxy"]);
    }

    [Fact]
    public void ProxyRoute_UnusableScheme_ConfigurationErrorNamesTheVariable()
    {
        var error = Assert.Throws<ProxyConfigurationException>(
            () => new ProxyRoute(new NetworkOptions(), n => n == "HTTPS_PROXY" ? "ftp://proxy:21" : null));

        Assert.Equal("HTTPS_PROXY", error.Setting);
    }
}
