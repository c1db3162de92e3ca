using ChatOpsBot.Diagnostics.StatusPages;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using ChatOpsBot.Testing.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Diagnostics.Tests.StatusPages;

/// <summary>The status page reader against fake pages on 127.0.0.1 replaying recorded real answers.</summary>
public sealed class StatusPageReaderTests : IAsyncLifetime
{
    private readonly ParkingTimeProvider _time = new(new DateTimeOffset(2026, 9, 3, 14, 0, 0, TimeSpan.Zero));
    private FakeProviderServer _page = null!;
    private ServiceProvider? _services;

    public async ValueTask InitializeAsync() => _page = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _page.DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private StatusPageReader Reader(string page, Uri? root = null, IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?> { [$"StatusPages:{page}:Url"] = (root ?? _page.BaseUrl).AbsoluteUri };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            config[k] = v;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        services.AddSingleton<TimeProvider>(_time);
        services.AddDiagnostics();
        services.AddStatusPagesGuard();
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<StatusPageReader>();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claude_incident_on_the_API_component_is_read_with_name_status_since_and_link()
    {
        _page.AsStatusPage("anthropic-incident");
        var reading = await Reader("Anthropic").ReadAsync(StatusPageCatalog.Anthropic, Ct);

        Assert.Equal(StatusPageState.Incident, reading.State);
        var incident = reading.Incident!;
        Assert.Equal("Elevated errors for multiple models", incident.Name);
        Assert.Equal("identified", incident.Status);
        Assert.Equal(new DateTimeOffset(2026, 9, 3, 13, 26, 4, 191, TimeSpan.Zero), incident.Since);
        Assert.EndsWith("/incidents/461yvfrzpwtt", incident.Link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("Claude API (api.anthropic.com)", incident.Components); // matched by name, the page gave ids
    }

    [Fact]
    public async Task Claude_with_no_incident_is_operational()
    {
        _page.AsStatusPage("anthropic-operational");
        var reading = await Reader("Anthropic").ReadAsync(StatusPageCatalog.Anthropic, Ct);

        Assert.Equal(StatusPageState.Operational, reading.State);
        Assert.Equal("All Systems Operational", reading.Description);
        Assert.Equal(6, reading.Components.Count);
    }

    [Fact]
    public async Task OpenAI_summary_without_incidents_key_reads_the_incident_list_and_ignores_incidents_off_the_API()
    {
        _page.AsStatusPage("openai-operational", "openai-incidents");
        var reading = await Reader("OpenAI").ReadAsync(StatusPageCatalog.OpenAI, Ct);

        // An unresolved incident that names no component, while every API component is operational: not the API's.
        Assert.Equal(StatusPageState.Operational, reading.State);
        Assert.Single(reading.Incidents); // the resolved one is skipped
        Assert.Contains(_page.Requests, r => r.Path == "/api/v2/incidents.json");
    }

    [Fact]
    public async Task OpenAI_degraded_API_component_with_an_open_incident_reports_the_incident()
    {
        _page.AsStatusPage("openai-degraded", "openai-incidents");
        var reading = await Reader("OpenAI").ReadAsync(StatusPageCatalog.OpenAI, Ct);

        Assert.Equal(StatusPageState.Incident, reading.State);
        Assert.Equal("Elevated error rates", reading.Incident!.Name);
    }

    [Fact]
    public async Task Discord_page_reports_its_API_incident()
    {
        _page.AsStatusPage("discord-incident");
        var reading = await Reader("Discord").ReadAsync(StatusPageCatalog.Discord, Ct);

        Assert.Equal(StatusPageState.Incident, reading.State);
        Assert.Equal("Unplanned Database Outage", reading.Incident!.Name);
    }

    [Fact]
    public async Task A_404_page_reads_as_status_unknown()
    {
        _page.AsStatusPage("openai-unresolved-404");
        var reading = await Reader("OpenAI").ReadAsync(StatusPageCatalog.OpenAI, Ct);

        Assert.Equal(StatusPageState.Unknown, reading.State);
        Assert.Equal("answered HTTP 404", reading.Problem);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Status</body></html>")]
    [InlineData("{\"page\":{\"name\":\"x\"}}")]
    [InlineData("{\"components\":\"nope\"}")]
    [InlineData("")]
    public async Task Garbage_reads_as_status_unknown(string body)
    {
        _page.AsBrokenStatusPage(FakeResponse.Json(200, body));
        var reading = await Reader("Anthropic").ReadAsync(StatusPageCatalog.Anthropic, Ct);

        Assert.Equal(StatusPageState.Unknown, reading.State);
        Assert.Equal("answered something that is not a status summary", reading.Problem);
    }

    [Fact]
    public async Task A_slow_page_is_waited_for_at_most_one_and_a_half_seconds_and_its_late_answer_fills_the_cache()
    {
        var gate = new TaskCompletionSource();
        _page.AsStatusPage("anthropic-incident").WithGate("GET", "/api/v2/summary.json", gate.Task);
        var reader = Reader("Anthropic");
        var started = _time.GetUtcNow();

        var reading = reader.ReadAsync(StatusPageCatalog.Anthropic, Ct); // its 1.5 s timer is set before this returns
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(reading.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var late = await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(StatusPageState.Unknown, late.State);
        Assert.Equal("did not answer within 1.5 s", late.Problem);
        Assert.Equal(TimeSpan.FromSeconds(1.5), _time.GetUtcNow() - started);

        gate.SetResult(); // the page answers late: the same fetch fills the cache, the clock does not move
        var again = reader.ReadAsync(StatusPageCatalog.Anthropic, Ct);
        Assert.Equal(StatusPageState.Incident, (await again.WaitAsync(TimeSpan.FromSeconds(10), Ct)).State);
        Assert.Equal(1, reader.Fetches);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch_and_the_cache_lasts_RefreshEvery()
    {
        _page.AsStatusPage("anthropic-operational");
        var reader = Reader("Anthropic", settings: new Dictionary<string, string?> { ["StatusPages:RefreshEvery"] = "00:01:00" });

        var readings = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => reader.ReadAsync(StatusPageCatalog.Anthropic, Ct)));
        Assert.All(readings, r => Assert.Equal(StatusPageState.Operational, r.State));
        Assert.Single(_page.Requests);

        _time.Advance(TimeSpan.FromSeconds(59));
        await reader.ReadAsync(StatusPageCatalog.Anthropic, Ct);
        Assert.Single(_page.Requests);

        _time.Advance(TimeSpan.FromSeconds(1));
        await reader.ReadAsync(StatusPageCatalog.Anthropic, Ct);
        Assert.Equal(2, _page.Requests.Count);
    }

    [Fact]
    public async Task None_turns_a_page_off_and_nothing_is_fetched()
    {
        var reader = Reader("Anthropic", settings: new Dictionary<string, string?> { ["StatusPages:Anthropic:Url"] = "none" });
        var reading = await reader.ReadAsync(StatusPageCatalog.Anthropic, Ct);

        Assert.Equal(StatusPageState.Off, reading.State);
        Assert.Equal(0, reader.Fetches);
    }

    [Fact]
    public async Task Gemini_has_a_link_only()
    {
        var reading = await Reader("Anthropic").ReadAsync(StatusPageCatalog.Gemini, Ct);

        Assert.Equal(StatusPageState.LinkOnly, reading.State);
        var finding = ProviderStatusCheck.For(ProviderId.Gemini, reading, DiagnosticStage.Auth)!;
        Assert.Contains("https://aistudio.google.com/status", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_url_or_refresh_period_stops_the_start_naming_the_setting()
    {
        Reader("Anthropic", settings: new Dictionary<string, string?>
        {
            ["StatusPages:OpenAI:Url"] = "status.openai.com",
            ["StatusPages:RefreshEvery"] = "00:00:01",
        });
        var error = Assert.Throws<OptionsValidationException>(() => _services!.GetRequiredService<IOptions<StatusPageOptions>>().Value);

        Assert.Contains("StatusPages:OpenAI:Url", error.Message, StringComparison.Ordinal);
        Assert.Contains("StatusPages:RefreshEvery", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_real_pages()
    {
        var options = new StatusPageOptions();
        Assert.Equal("https://status.claude.com/", options.RootOf(StatusPageCatalog.Anthropic)!.AbsoluteUri);
        Assert.Equal("https://status.openai.com/", options.RootOf(StatusPageCatalog.OpenAI)!.AbsoluteUri);
        Assert.Equal("https://discordstatus.com/", options.RootOf(StatusPageCatalog.Discord)!.AbsoluteUri);
        Assert.Null(options.RootOf(StatusPageCatalog.Gemini));
        Assert.Equal(TimeSpan.FromMinutes(1), options.RefreshEvery);
    }
}
