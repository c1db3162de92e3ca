using System.Net;
using ChatOpsBot.Diagnostics.Network;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.Tests.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>The egress stage through the real engine, with a fake Cloudflare trace endpoint on 127.0.0.1.</summary>
public sealed class EgressProbeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _key = TestKeys.Anthropic();
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = (await FakeProviderServer.StartAsync()).AsAnthropic(_key);

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_server.Unexpected);
        await _server.DisposeAsync();
    }

    private static FakeResponse Trace(string body) => new()
    {
        Status = 200,
        Body = body,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" },
    };

    private static string CloudflareTrace(string ip, string loc) =>
        $"fl=123f1\nh=api.anthropic.com\nip={ip}\nts=1764201600.123\nvisit_scheme=https\nuag=ChatOpsBot/1.0\ncolo=FRA\nsliver=none\nhttp=http/1.1\nloc={loc}\ntls=TLSv1.3\nsni=plaintext\nwarp=off\ngateway=off\nrbi=off\nkex=X25519\n";

    private async Task<ProviderReport> RunAsync(string? traceBody, bool withTraceUrl = true, FakeResponse? response = null)
    {
        if (traceBody is not null || response is not null)
        {
            _server.On("GET", "/cdn-cgi/trace", response ?? Trace(traceBody!));
        }

        using var harness = new EngineHarness(network: o =>
        {
            if (withTraceUrl)
            {
                o.EgressTraceUrls["Anthropic"] = new Uri(_server.BaseUrl, "/cdn-cgi/trace");
            }
        });
        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _server.BaseUrl));
        return report.Providers.Single();
    }

    [Fact]
    public async Task Engine_EgressInUnsupportedCountry_RegionUnsupportedBeforeTheProbe()
    {
        var report = await RunAsync(CloudflareTrace("203.0.113.77", "RU"));

        Assert.Equal(VerdictCodes.RegionUnsupported, report.Verdict.Code);
        Assert.Equal(DiagnosticStage.Egress, report.Verdict.Stage);
        Assert.Equal("203.0.113.0/24", (string?)report.Verdict.Evidence["egress_ip"]);
        Assert.Equal("RU", (string?)report.Verdict.Evidence["egress_country"]);
        Assert.Equal("FRA", (string?)report.Verdict.Evidence["egress_colo"]);
        Assert.Contains("anthropic.com/supported-countries", (string?)report.Verdict.Evidence["countries_source"], StringComparison.Ordinal);
        Assert.Contains("403", report.Verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("not on Anthropic's list of supported countries as of 2026-04-16 (https://www.anthropic.com/supported-countries)",
            report.Verdict.Detail, StringComparison.Ordinal);
        Assert.Equal("2026-04-16", (string?)report.Verdict.Evidence["countries_as_of"]);
        Assert.Equal("not listed", (string?)report.Verdict.Evidence["country_listed"]);
        Assert.DoesNotContain("203.0.113.77", report.Verdict.ToString(), StringComparison.Ordinal);
        var stages = report.Findings.Select(f => f.Stage).ToList();
        Assert.True(stages.IndexOf(DiagnosticStage.Egress) < stages.IndexOf(DiagnosticStage.Auth), "egress runs before the key check");
    }

    [Fact]
    public async Task Engine_EgressInServedCountry_PassWithMaskedIp()
    {
        var report = await RunAsync(CloudflareTrace("198.51.100.23", "DE"));

        Assert.Equal(VerdictCodes.Ok, report.Verdict.Code);
        var egress = Assert.Single(report.Findings, f => f.Stage == DiagnosticStage.Egress);
        Assert.Equal(VerdictCodes.Ok, egress.Code);
        Assert.Equal("198.51.100.0/24", (string?)egress.Evidence["egress_ip"]);
        Assert.Equal("DE", (string?)egress.Evidence["egress_country"]);
        Assert.Equal("Egress from DE", egress.Title);
        Assert.Equal("list", (string?)egress.Evidence["country_listed"]);
        Assert.Contains("a country on Anthropic's list as of 2026-04-16", egress.Detail, StringComparison.Ordinal);
        var timing = TextReport.TimingLine(report.Findings);
        Assert.Matches(@"^dns \d+ ms · connect \d+ ms · egress \d+ ms · first byte \d+ ms$", timing);
    }

    [Fact]
    public async Task Engine_EgressInCountryAddedAfterTheSnapshot_Pass()
    {
        var report = await RunAsync(CloudflareTrace("198.51.100.23", "NI")); // Nicaragua: not in the 2026 docs copy, added later

        Assert.Equal(VerdictCodes.Ok, report.Verdict.Code);
        var egress = Assert.Single(report.Findings, f => f.Stage == DiagnosticStage.Egress);
        Assert.Equal(VerdictCodes.Ok, egress.Code);
        Assert.Equal("newer addition", (string?)egress.Evidence["country_listed"]);
        Assert.Contains("a country Anthropic added to its list after 2026-04-16", egress.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>Access denied by policy</body></html>")]
    [InlineData("ip=not-an-ip\nloc=DE\n")]
    [InlineData("ip=198.51.100.23\nloc=Germany\n")]
    [InlineData("")]
    public async Task Engine_TraceBodyInWrongForm_EgressUnknownAndVerdictUntouched(string body)
    {
        var report = await RunAsync(body);

        Assert.Equal(VerdictCodes.Ok, report.Verdict.Code);
        var egress = Assert.Single(report.Findings, f => f.Stage == DiagnosticStage.Egress);
        Assert.Equal(VerdictCodes.InfoSkipped, egress.Code);
        Assert.Equal(Severity.Info, egress.Severity);
        Assert.Equal("Egress unknown", egress.Title);
        Assert.Contains("ip= and loc=", egress.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_TraceInWrongFormWithAddress_AddressMaskedInExcerpt()
    {
        var report = await RunAsync("ip=203.0.113.77\nloc=Somewhere\n");

        var egress = Assert.Single(report.Findings, f => f.Stage == DiagnosticStage.Egress);
        Assert.Equal("ip=203.0.113.0/24\nloc=Somewhere\n", (string?)egress.Evidence["body_excerpt"]);
    }

    [Fact]
    public async Task Engine_OpenAIRefusesRegion_EgressExplainsTheLater403()
    {
        var key = TestKeys.OpenAIProject();
        await using var openai = (await FakeProviderServer.StartAsync(Ct)).AsOpenAI(key);
        openai.On("GET", "/cdn-cgi/trace", Trace(CloudflareTrace("203.0.113.77", "HK")));
        openai.Enqueue("GET", "/v1/models", FakeResponse.Json(403,
            "{\"error\":{\"code\":\"unsupported_country_region_territory\",\"message\":\"Country, region, or territory not supported\",\"param\":null,\"type\":\"request_forbidden\"}}"));
        using var harness = new EngineHarness(network: o => o.EgressTraceUrls["OpenAI"] = new Uri(openai.BaseUrl, "/cdn-cgi/trace"));

        var report = (await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, key, openai.BaseUrl))).Providers.Single();

        Assert.Equal(VerdictCodes.RegionUnsupported, report.Verdict.Code);
        Assert.Equal(DiagnosticStage.Egress, report.Verdict.Stage);
        Assert.Equal("HK", (string?)report.Verdict.Evidence["egress_country"]);
        Assert.Contains("not on OpenAI's list of supported countries as of 2026-09-13 (https://developers.openai.com/api/docs/supported-countries)",
            report.Verdict.Detail, StringComparison.Ordinal);
        var answer = Assert.Single(report.Findings, f => f.Code == VerdictCodes.RegionUnsupported && f.Evidence["egress_country"] is null);
        Assert.Contains("Country, region, or territory not supported", answer.Detail, StringComparison.Ordinal); // the key check's 403, explained
        Assert.Empty(openai.Unexpected);
    }

    [Fact]
    public async Task Engine_TraceEndpointAnswers404_EgressUnknownWithStatus()
    {
        var report = await RunAsync(null, response: FakeResponse.Html(404, "<h1>Not found</h1>"));

        var egress = Assert.Single(report.Findings, f => f.Stage == DiagnosticStage.Egress);
        Assert.Equal(VerdictCodes.InfoSkipped, egress.Code);
        Assert.Equal(404, (int?)egress.Evidence["status"]);
        Assert.Equal(VerdictCodes.Ok, report.Verdict.Code);
    }

    [Fact]
    public async Task Engine_CustomBaseUrlWithoutTraceSetting_EgressSkippedAndSaysWhy()
    {
        var report = await RunAsync(null, withTraceUrl: false);

        var egress = Assert.Single(report.Findings, f => f.Stage == DiagnosticStage.Egress);
        Assert.Equal(VerdictCodes.InfoSkipped, egress.Code);
        Assert.Contains("gateway", egress.Detail, StringComparison.Ordinal);
        Assert.Equal("custom base url", (string?)egress.Evidence["reason"]);
    }

    [Theory]
    [InlineData("ip=203.0.113.9\nloc=DE\ncolo=FRA\n", "203.0.113.9", "DE", "FRA")]
    [InlineData("fl=1\r\nip=2001:db8:1234:5678::1\r\nloc=US\r\n", "2001:db8:1234:5678::1", "US", null)]
    public void Parse_CloudflareTrace_ReadsIpCountryColo(string body, string ip, string country, string? colo)
    {
        var trace = EgressProbe.Parse(body);

        Assert.NotNull(trace);
        Assert.Equal(IPAddress.Parse(ip), trace.Ip);
        Assert.Equal(country, trace.Country);
        Assert.Equal(colo, trace.Colo);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:1234:5678::1", "2001:db8:1234::/48")]
    [InlineData("::ffff:198.51.100.5", "198.51.100.0/24")]
    public void Mask_Address_KeepsNetworkOnly(string address, string expected) =>
        Assert.Equal(expected, EgressProbe.Mask(IPAddress.Parse(address)));

    [Fact]
    public void DefaultTraceUrl_OnlyCloudflareFrontedHosts()
    {
        Assert.Equal("api.openai.com", EgressProbe.DefaultTraceUrl(ProviderId.OpenAI)?.Host);
        Assert.Equal("api.anthropic.com", EgressProbe.DefaultTraceUrl(ProviderId.Anthropic)?.Host);
        Assert.Null(EgressProbe.DefaultTraceUrl(ProviderId.Gemini));
    }
}
