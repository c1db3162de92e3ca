using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Network;

public sealed class NetworkProbeTests
{
    private const string InterceptorSubject = "CN=Test Interceptor CA, O=Inspecting Gateway Ltd";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RouteInfo Direct(string target, bool customBaseUrl = true) =>
        new(new Uri(target), null, null, null, customBaseUrl);

    private static Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>> Answers(
        string host, params string[] addresses) => (name, family, _) =>
    {
        Assert.Equal(host, name);
        return Task.FromResult(addresses.Select(IPAddress.Parse).Where(a => a.AddressFamily == family).ToArray());
    };

    private static Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>> Fails(SocketError error) =>
        (_, _, _) => Task.FromException<IPAddress[]>(new SocketException((int)error));

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);

    [Fact]
    public async Task RunAsync_LoopbackListener_ConnectsWithTiming()
    {
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(TimeProvider.System);
        var phase = new PhaseTracker();

        var result = await sut.RunAsync(Direct($"http://127.0.0.1:{server.Port}/v1"), ProviderId.OpenAI, phase, Ct);

        Assert.True(result.Reachable);
        Assert.Equal([VerdictCodes.Ok, VerdictCodes.Ok, VerdictCodes.InfoSkipped], result.Findings.Select(f => f.Code));
        var dns = result.Findings[0];
        Assert.Equal("ip literal", (string?)dns.Evidence["dns_skipped"]);
        Assert.Contains("DNS was skipped", dns.Detail, StringComparison.Ordinal);
        var connect = result.Findings[1].Evidence;
        Assert.Equal("127.0.0.1", (string?)connect["address"]);
        Assert.Equal(server.Port, (int?)connect["port"]);
        Assert.InRange((double)connect["connect_ms"]!, 0, 5000);
        Assert.Equal("connected", (string?)connect["attempts"]![0]!["outcome"]);
        Assert.Equal("connect", phase.Phase);
        Assert.Equal(DiagnosticStage.Network, phase.Stage);
        Log($"loopback connect_ms={connect["connect_ms"]}");
    }

    [Fact]
    public async Task RunAsync_ClosedPort_ConnectFailed()
    {
        var port = LoopbackServer.ClosedPort();
        var sut = new NetworkProbe(TimeProvider.System);

        var result = await sut.RunAsync(Direct($"https://127.0.0.1:{port}/"), ProviderId.Anthropic, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        var failure = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkConnectFailed, failure.Code);
        Assert.Equal(Severity.Error, failure.Severity);
        Assert.Equal("127.0.0.1", (string?)failure.Evidence["address"]);
        Assert.Equal(port, (int?)failure.Evidence["port"]);
        Assert.Equal(nameof(SocketError.ConnectionRefused), (string?)failure.Evidence["socket_error"]);
        Assert.Contains("refused", failure.Detail, StringComparison.Ordinal);
        Log($"refused after {failure.Evidence["attempts"]![0]!["ms"]} ms");
    }

    [Fact]
    public async Task RunAsync_SelfSignedTlsServer_TlsFailedAsUntrustedWithIssuer()
    {
        using var certificate = TestCertificates.SelfSigned(InterceptorSubject);
        await using var server = new LoopbackServer(async (client, ct) =>
        {
            await using var tls = new SslStream(client.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                // The client refuses the certificate and drops the connection: expected.
            }
        });
        var sut = new NetworkProbe(TimeProvider.System);
        var phase = new PhaseTracker();

        var result = await sut.RunAsync(Direct($"https://127.0.0.1:{server.Port}/"), ProviderId.Gemini, phase, Ct);

        Assert.False(result.Reachable);
        var failure = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkTlsFailed, failure.Code);
        Assert.Equal("CN=Test Interceptor CA, O=Inspecting Gateway Ltd", (string?)failure.Evidence["tls_issuer"]);
        Assert.Equal("CN=Test Interceptor CA, O=Inspecting Gateway Ltd", result.TlsIssuer);
        Assert.NotNull(failure.Evidence["tls_not_after"]);
        Assert.Contains("UntrustedRoot", (string?)failure.Evidence["tls_chain_status"], StringComparison.Ordinal);
        Assert.Contains("intercepting", failure.Detail, StringComparison.Ordinal);
        Assert.Equal("tls", phase.Phase);
        Log($"untrusted handshake tls_ms={failure.Evidence["tls_ms"]}: {failure.Detail}");
    }

    [Fact]
    public async Task RunAsync_TrustedTlsServer_PassesWithIssuerAndTimings()
    {
        using var certificate = TestCertificates.SelfSigned("CN=Test Root, O=ChatOpsBot Tests", "llm.test");
        await using var server = new LoopbackServer(async (client, ct) =>
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
            _ = await tls.ReadAsync(new byte[1], ct); // until the client hangs up
        });
        var sut = new NetworkProbe(TimeProvider.System, Answers("llm.test", "127.0.0.1"), new NetworkProbeOptions
        {
            TrustedRoots = [X509CertificateLoader.LoadCertificate(certificate.RawData)],
        });

        var result = await sut.RunAsync(Direct($"https://llm.test:{server.Port}/"), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.True(result.Reachable, string.Join(" | ", result.Findings.Select(f => f.Detail)));
        Assert.All(result.Findings, f => Assert.Equal(VerdictCodes.Ok, f.Code));
        var tls = result.Findings[^1].Evidence;
        Assert.Equal("llm.test", (string?)tls["tls_sni"]);
        Assert.Equal("CN=Test Root, O=ChatOpsBot Tests", (string?)tls["tls_issuer"]);
        Assert.Equal("CN=Test Root, O=ChatOpsBot Tests", (string?)tls["tls_root"]);
        Assert.StartsWith("Tls", (string?)tls["tls_protocol"], StringComparison.Ordinal);
        Assert.Equal("CN=Test Root, O=ChatOpsBot Tests", result.TlsIssuer);
        Log($"dns_ms={result.Findings[0].Evidence["dns_ms"]} connect_ms={result.Findings[1].Evidence["connect_ms"]} "
            + $"tls_ms={tls["tls_ms"]} ({tls["tls_protocol"]})");
    }

    [Fact]
    public async Task RunAsync_CertificateForAnotherName_TlsFailedNameMismatch()
    {
        using var certificate = TestCertificates.SelfSigned("CN=Other", "other.test");
        await using var server = new LoopbackServer(async (client, ct) =>
        {
            await using var tls = new SslStream(client.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
            }
        });
        var sut = new NetworkProbe(TimeProvider.System, Answers("llm.test", "127.0.0.1"), new NetworkProbeOptions
        {
            TrustedRoots = [X509CertificateLoader.LoadCertificate(certificate.RawData)],
        });

        var result = await sut.RunAsync(Direct($"https://llm.test:{server.Port}/"), ProviderId.OpenAI, new PhaseTracker(), Ct);

        var failure = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkTlsFailed, failure.Code);
        Assert.Contains("RemoteCertificateNameMismatch", failure.Detail, StringComparison.Ordinal);
        Assert.Equal("CN=Other", (string?)failure.Evidence["tls_subject"]);
        Log($"name mismatch tls_ms={failure.Evidence["tls_ms"]}");
    }

    [Fact]
    public async Task RunAsync_TlsServerNeverAnswers_CancelledInTlsPhase()
    {
        var helloReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackServer(async (client, ct) =>
        {
            var buffer = new byte[4096];
            var stream = client.GetStream();
            if (await stream.ReadAsync(buffer, ct) > 0)
            {
                helloReceived.TrySetResult();
            }

            while (await stream.ReadAsync(buffer, ct) > 0)
            {
                // Swallow whatever comes; never answer.
            }
        });
        var time = new FakeTimeProvider();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
        var sut = new NetworkProbe(time);
        var phase = new PhaseTracker();

        var running = sut.RunAsync(Direct($"https://127.0.0.1:{server.Port}/"), ProviderId.OpenAI, phase, deadline.Token);
        await helloReceived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct); // a safety net, not a sleep
        time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal("tls", phase.Phase);
        Assert.Equal(DiagnosticStage.Network, phase.Stage);
    }

    [Fact]
    public async Task RunAsync_ServerHangsUpOnClientHello_TlsFailedSayingSo()
    {
        await using var server = new LoopbackServer(async (client, ct) =>
        {
            _ = await client.GetStream().ReadAsync(new byte[4096], ct); // the ClientHello, then hang up
            client.Client.LingerState = new LingerOption(true, 0);        // RST, as SNI filters do
        });
        var sut = new NetworkProbe(TimeProvider.System);

        var result = await sut.RunAsync(Direct($"https://127.0.0.1:{server.Port}/"), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        var failure = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkTlsFailed, failure.Code);
        Assert.Contains("closed or reset during the handshake", failure.Detail, StringComparison.Ordinal);
        Assert.Null(failure.Evidence["tls_issuer"]);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.NoData)]
    [InlineData(SocketError.TryAgain)]
    public async Task RunAsync_NameDoesNotResolve_DnsFailedNamingHostAndError(SocketError error)
    {
        var sut = new NetworkProbe(TimeProvider.System, Fails(error));
        var phase = new PhaseTracker();

        var result = await sut.RunAsync(Direct("https://api.openai.invalid/v1"), ProviderId.OpenAI, phase, Ct);

        Assert.False(result.Reachable);
        var failure = Assert.Single(result.Findings);
        Assert.Equal(VerdictCodes.NetworkDnsFailed, failure.Code);
        Assert.Contains("api.openai.invalid", failure.Detail, StringComparison.Ordinal);
        Assert.Contains(error.ToString(), failure.Detail, StringComparison.Ordinal);
        Assert.Equal(error.ToString(), (string?)failure.Evidence["a_error"]);
        Assert.Equal("dns", phase.Phase);
    }

    [Fact]
    public async Task RunAsync_EmptyAnswers_DnsFailed()
    {
        var sut = new NetworkProbe(TimeProvider.System, (_, _, _) => Task.FromResult(Array.Empty<IPAddress>()));

        var result = await sut.RunAsync(Direct("https://gateway.example/"), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.Equal(VerdictCodes.NetworkDnsFailed, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public async Task RunAsync_ALookup_RunsConcurrentlyWithAaaa()
    {
        var families = new List<AddressFamily>();
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(TimeProvider.System, async (_, family, ct) =>
        {
            lock (families)
            {
                families.Add(family);
                if (families.Count == 2)
                {
                    bothStarted.TrySetResult();
                }
            }

            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct); // deadlocks if the lookups ran one by one
            return family == AddressFamily.InterNetwork ? [IPAddress.Loopback] : [IPAddress.IPv6Loopback];
        });

        var result = await sut.RunAsync(Direct($"http://localhost:{server.Port}/"), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.True(result.Reachable);
        Assert.Equivalent(new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 }, families);
        Assert.Equal("""["127.0.0.1","::1"]""", result.Findings[0].Evidence["addresses"]!.ToJsonString());
        Assert.Equal("127.0.0.1", (string?)result.Findings[1].Evidence["address"]);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("::")]
    [InlineData("fd00::1")]
    public async Task RunAsync_PublicHostResolvesToImpossibleAddress_DnsHijackedWithoutConnecting(string address)
    {
        var sut = new NetworkProbe(TimeProvider.System, Answers("api.openai.com", address));
        var phase = new PhaseTracker();

        var result = await sut.RunAsync(Direct("https://api.openai.com/v1/models", customBaseUrl: false), ProviderId.OpenAI, phase, Ct);

        Assert.False(result.Reachable);
        var hijack = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkDnsHijacked, hijack.Code);
        Assert.Equal(Severity.Error, hijack.Severity);
        Assert.Contains(address, hijack.Detail, StringComparison.Ordinal);
        Assert.Equal($"""["{address}"]""", hijack.Evidence["addresses"]!.ToJsonString());
        Assert.Equal("dns", phase.Phase); // no connect was attempted to the bogus address
    }

    [Fact]
    public async Task RunAsync_CustomBaseUrlOnPrivateAddress_NoHijackFinding()
    {
        await using var server = new LoopbackServer();
        var sut = new NetworkProbe(TimeProvider.System, Answers("litellm.internal", "127.0.0.1"));

        var result = await sut.RunAsync(Direct($"http://litellm.internal:{server.Port}/"), ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.True(result.Reachable);
        Assert.DoesNotContain(result.Findings, f => f.Code == VerdictCodes.NetworkDnsHijacked);
    }

    [Fact]
    public async Task RunAsync_ProxyDoesNotResolve_NetworkProxyWithoutCredentials()
    {
        var resolved = new List<string>();
        var route = new ProxyRoute(new NetworkOptions(), n => n == "HTTPS_PROXY" ? "http://bob:hunter2@proxy.invalid:3128" : null)
            .Describe(new Uri("https://api.openai.com/v1/models"), customBaseUrl: false);
        var sut = new NetworkProbe(TimeProvider.System, (host, _, _) =>
        {
            lock (resolved)
            {
                resolved.Add(host);
            }

            throw new SocketException((int)SocketError.HostNotFound);
        });

        var result = await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        var failure = Assert.Single(result.Findings);
        Assert.Equal(VerdictCodes.NetworkProxy, failure.Code);
        Assert.Contains("proxy.invalid", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("HTTPS_PROXY", failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Detail + failure.Evidence.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bob", failure.Detail + failure.Evidence.ToJsonString(), StringComparison.Ordinal);
        Assert.All(resolved, h => Assert.Equal("proxy.invalid", h));
    }

    [Fact]
    public async Task RunAsync_ProxyRefuses_NetworkProxy()
    {
        var port = LoopbackServer.ClosedPort();
        var route = new RouteInfo(new Uri("https://api.anthropic.com/v1/models"), new Uri($"http://127.0.0.1:{port}/"), "Network:Proxy", null, false);
        var sut = new NetworkProbe(TimeProvider.System, Fails(SocketError.HostNotFound));

        var result = await sut.RunAsync(route, ProviderId.Anthropic, new PhaseTracker(), Ct);

        Assert.False(result.Reachable);
        var failure = result.Findings[^1];
        Assert.Equal(VerdictCodes.NetworkProxy, failure.Code);
        Assert.Contains($"127.0.0.1:{port}", failure.Detail, StringComparison.Ordinal);
        Assert.Equal("Network:Proxy", (string?)failure.Evidence["proxy_source"]);
    }

    [Fact]
    public async Task RunAsync_ProxyReachable_SkipsTargetDnsAndTls()
    {
        await using var proxy = new LoopbackServer();
        var route = new RouteInfo(new Uri("https://api.openai.com/v1/models"), new Uri($"http://127.0.0.1:{proxy.Port}/"), "HTTPS_PROXY", null, false);
        var sut = new NetworkProbe(TimeProvider.System, Fails(SocketError.HostNotFound)); // the target is never looked up

        var result = await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);

        Assert.True(result.Reachable);
        Assert.Equal([VerdictCodes.Ok, VerdictCodes.Ok, VerdictCodes.InfoSkipped], result.Findings.Select(f => f.Code));
        Assert.Contains("proxy", result.Findings[1].Title, StringComparison.Ordinal);
        Assert.Contains("checked through the proxy by the HTTP probe", result.Findings[2].Title, StringComparison.Ordinal);
        Assert.Null(result.TlsIssuer);
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var sut = new NetworkProbe(TimeProvider.System, (_, _, ct) => Task.FromCanceled<IPAddress[]>(ct));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => sut.RunAsync(Direct("https://api.openai.com/", false), ProviderId.OpenAI, new PhaseTracker(), cts.Token));
    }
}
