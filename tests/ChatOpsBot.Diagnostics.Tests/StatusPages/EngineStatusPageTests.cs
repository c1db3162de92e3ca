using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.StatusPages;
using ChatOpsBot.Diagnostics.Tests.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using ChatOpsBot.Testing.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Diagnostics.Tests.StatusPages;

/// <summary>"Me or them" in a whole diagnosis: a fake Anthropic API and a fake Claude status page, both on 127.0.0.1.</summary>
public sealed class EngineStatusPageTests : IAsyncLifetime
{
    private readonly string _key = TestKeys.Anthropic(new Random(16));
    private FakeProviderServer _api = null!;
    private FakeProviderServer _page = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        _page = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _page.DisposeAsync();
    }

    private EngineHarness Harness(TimeProvider? time = null) => new(
        time,
        options: o => o.RetryDelay = TimeSpan.Zero,
        replace: s => s.Configure<StatusPageOptions>(o => o.Point(StatusPageCatalog.Anthropic.Name, _page.BaseUrl)));

    private void ApiAnswers(string fixture) =>
        _api.On("GET", "/v1/models", FakeResponse.FromFixture(ProviderFixture.Load("anthropic", fixture)));

    [Fact]
    public async Task A_5xx_during_an_incident_gets_a_provider_incident_finding_and_keeps_its_verdict()
    {
        ApiAnswers("api-error-500");
        _page.AsStatusPage("anthropic-incident");
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _api.BaseUrl));
        var provider = report.Providers[0];

        Assert.Equal(VerdictCodes.ProviderServerError, provider.Verdict.Code);
        var incident = Assert.Single(provider.Findings, f => f.Code == VerdictCodes.ProviderIncident);
        Assert.Equal(Severity.Warn, incident.Severity);
        Assert.Contains("Elevated errors for multiple models", incident.Title, StringComparison.Ordinal);
        Assert.Contains("identified", incident.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-09-03 13:26 UTC", incident.Detail, StringComparison.Ordinal);
        Assert.Equal("incident", incident.Evidence["status_page_state"]!.GetValue<string>());
        Assert.EndsWith("/incidents/461yvfrzpwtt", incident.Evidence["incident_link"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(incident.NextSteps, s => s.Contains("/incidents/461yvfrzpwtt", StringComparison.Ordinal));
        AssertNoLeak(report);
    }

    [Fact]
    public async Task An_overloaded_answer_with_no_incident_says_the_page_reports_none()
    {
        ApiAnswers("overloaded-529");
        _page.AsStatusPage("anthropic-operational");
        using var harness = Harness();

        var provider = (await harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _api.BaseUrl))).Providers[0];

        Assert.Equal(VerdictCodes.ProviderOverloaded, provider.Verdict.Code);
        var status = Assert.Single(provider.Findings, f => f.Code == VerdictCodes.InfoStatusPage);
        Assert.Equal("operational", status.Evidence["status_page_state"]!.GetValue<string>());
        Assert.DoesNotContain(provider.Findings, f => f.Code == VerdictCodes.ProviderIncident);
    }

    [Fact]
    public async Task A_401_during_an_incident_stays_invalid_key_and_the_page_is_not_asked()
    {
        ApiAnswers("invalid-x-api-key");
        _page.AsStatusPage("anthropic-incident");
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _api.BaseUrl));

        Assert.Equal(VerdictCodes.AuthInvalidKey, report.Providers[0].Verdict.Code);
        Assert.DoesNotContain(report.Providers[0].Findings, f => f.Code is VerdictCodes.ProviderIncident or VerdictCodes.InfoStatusPage);
        Assert.Empty(_page.Requests);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("404")]
    public async Task A_broken_page_changes_no_verdict_and_says_status_unknown(string kind)
    {
        ApiAnswers("api-error-500");
        _page.AsBrokenStatusPage(kind == "404" ? FakeResponse.Html(404, "<html>Not found</html>") : FakeResponse.Html(200, "<html>maintenance</html>"));
        using var harness = Harness();

        var provider = (await harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _api.BaseUrl))).Providers[0];

        Assert.Equal(VerdictCodes.ProviderServerError, provider.Verdict.Code);
        var status = Assert.Single(provider.Findings, f => f.Code == VerdictCodes.InfoStatusPage);
        Assert.Equal(Severity.Info, status.Severity);
        Assert.Equal("unknown", status.Evidence["status_page_state"]!.GetValue<string>());
        Assert.StartsWith("Status unknown", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_page_delays_the_diagnosis_by_at_most_one_and_a_half_seconds()
    {
        var time = new ParkingTimeProvider(new DateTimeOffset(2026, 9, 3, 14, 0, 0, TimeSpan.Zero));
        ApiAnswers("api-error-500");
        _page.AsStatusPage("anthropic-incident").WithGate("GET", "/api/v2/summary.json", new TaskCompletionSource().Task);
        using var harness = Harness(time);
        var started = time.GetUtcNow();

        var running = harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _api.BaseUrl));
        await _page.WaitForRequestsAsync(1); // the engine asked the page; its 1.5 s wait was set before the request left
        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.5));
        var report = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(1.5), time.GetUtcNow() - started);
        Assert.Equal(VerdictCodes.ProviderServerError, report.Providers[0].Verdict.Code);
        var status = Assert.Single(report.Providers[0].Findings, f => f.Code == VerdictCodes.InfoStatusPage);
        Assert.Contains("did not answer within 1.5 s", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_report_carries_the_finding_and_no_secret()
    {
        ApiAnswers("api-error-500");
        _page.AsStatusPage("anthropic-incident");
        using var harness = Harness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.Anthropic, _key, _api.BaseUrl));
        var json = JsonReport.Serialize(report);

        Assert.Contains("\"provider.incident\"", json, StringComparison.Ordinal);
        Assert.Contains("\"incident_link\"", json, StringComparison.Ordinal);
        LeakAssert.NoSecret(json, _key);
    }

    private void AssertNoLeak(DiagnosisReport report)
    {
        using var text = new StringWriter();
        TextReport.Write(report, text, color: false);
        LeakAssert.NoSecret(text.ToString(), _key);
        LeakAssert.NoSecret(JsonReport.Serialize(report), _key);
    }
}
