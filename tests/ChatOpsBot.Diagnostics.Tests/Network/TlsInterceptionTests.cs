using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>
/// A TLS server on 127.0.0.1 stands in for api.openai.com with a certificate from a self-made CA: the issuer check
/// names an unexpected issuer whether or not this machine trusts it.
/// </summary>
public sealed class TlsInterceptionTests
{
    private const string Host = "api.openai.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IPAddress[]> Loopback(string name, AddressFamily family, CancellationToken ct) =>
        Task.FromResult(family == AddressFamily.InterNetwork && name == Host ? new[] { IPAddress.Loopback } : []);

    private static LoopbackServer TlsServer(X509Certificate2 certificate) => new(async (client, ct) =>
    {
        await using var tls = new SslStream(client.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
            _ = await tls.ReadAsync(new byte[1], ct);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // The client refused the certificate or hung up: expected.
        }
    });

    private static async Task<NetworkResult> RunAsync(X509Certificate2 authority, bool trusted, bool customBaseUrl = false)
    {
        using var leaf = TestCertificates.IssuedBy(authority, Host);
        await using var server = TlsServer(leaf);
        var sut = new NetworkProbe(TimeProvider.System, Loopback, new NetworkProbeOptions
        {
            AcceptLoopbackAnswers = true,
            TrustedRoots = trusted ? [X509CertificateLoader.LoadCertificate(authority.RawData)] : null,
        });
        var route = new RouteInfo(new Uri($"https://{Host}:{server.Port}/v1/models"), null, null, null, customBaseUrl);
        return await sut.RunAsync(route, ProviderId.OpenAI, new PhaseTracker(), Ct);
    }

    [Fact]
    public async Task RunAsync_UntrustedInspectingCa_TlsInterceptedErrorNamingIssuer()
    {
        using var ca = TestCertificates.Authority("CN=Scholar Root CA, O=Inspecting Gateway Ltd");

        var result = await RunAsync(ca, trusted: false);

        Assert.False(result.Reachable);
        var finding = Assert.Single(result.Findings, f => f.Code == VerdictCodes.NetworkTlsIntercepted);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.DoesNotContain(result.Findings, f => f.Code == VerdictCodes.NetworkTlsFailed);
        Assert.Equal("CN=Scholar Root CA, O=Inspecting Gateway Ltd", (string?)finding.Evidence["tls_issuer"]);
        Assert.False((bool)finding.Evidence["tls_validated"]!);
        Assert.Contains("Google Trust Services", finding.Evidence["expected_issuers"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Inspecting Gateway Ltd", finding.Detail, StringComparison.Ordinal);
        Assert.Contains(finding.NextSteps, s => s.Contains("bypass", StringComparison.Ordinal));
        Assert.Contains(finding.NextSteps, s => s.Contains("root CA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TrustedCorporateCa_HandshakePassesAndInterceptionWarns()
    {
        using var ca = TestCertificates.Authority("CN=Corp TLS Inspection, O=Example Corp");

        var result = await RunAsync(ca, trusted: true);

        Assert.True(result.Reachable, string.Join(" | ", result.Findings.Select(f => f.Detail)));
        Assert.Contains(result.Findings, f => f.Code == VerdictCodes.Ok && f.Evidence["tls_ms"] is not null);
        var finding = Assert.Single(result.Findings, f => f.Code == VerdictCodes.NetworkTlsIntercepted);
        Assert.Equal(Severity.Warn, finding.Severity);
        Assert.True((bool)finding.Evidence["tls_validated"]!);
        Assert.Contains("sees the key", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UsualIssuerOrganisation_NoInterceptionFinding()
    {
        using var ca = TestCertificates.Authority("CN=WE1, O=Google Trust Services");

        var result = await RunAsync(ca, trusted: true);

        Assert.True(result.Reachable);
        Assert.DoesNotContain(result.Findings, f => f.Code == VerdictCodes.NetworkTlsIntercepted);
        Assert.Equal("CN=WE1, O=Google Trust Services", result.TlsIssuer);
    }

    [Fact]
    public async Task RunAsync_CustomBaseUrl_IssuerNotJudged()
    {
        using var ca = TestCertificates.Authority("CN=Gateway CA, O=Some Gateway");

        var result = await RunAsync(ca, trusted: true, customBaseUrl: true);

        Assert.True(result.Reachable);
        Assert.DoesNotContain(result.Findings, f => f.Code == VerdictCodes.NetworkTlsIntercepted);
    }

    [Theory]
    [InlineData(ProviderId.OpenAI, "CN=WE1, O=Google Trust Services", true)]
    [InlineData(ProviderId.Anthropic, "CN=E6, O=Let's Encrypt", true)]
    [InlineData(ProviderId.Gemini, "CN=WR2, O=Google Trust Services", true)]
    [InlineData(ProviderId.Gemini, "CN=E6, O=Let's Encrypt", false)]
    [InlineData(ProviderId.OpenAI, "CN=Zscaler Intermediate Root CA, O=Zscaler Inc.", false)]
    public void ExpectedIssuers_DataFile_MatchesOrganisation(ProviderId provider, string issuer, bool expected)
    {
        var issuers = ProviderNetworkData.IssuersOf(provider);

        Assert.NotNull(issuers);
        Assert.Equal(expected, issuers.Matches(issuer));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", issuers.Retrieved);
    }
}
