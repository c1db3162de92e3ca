using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;

namespace ChatOpsBot.Tests.Cli;

/// <summary><c>chatopsbot diagnose</c> gets the status page finding too (same engine), from a fake Claude status page.</summary>
public sealed class StatusPageCliTests : IAsyncLifetime
{
    private readonly string _key = TestKeys.Anthropic();
    private FakeProviderServer _api = null!;
    private FakeProviderServer _page = null!;

    public async ValueTask InitializeAsync()
    {
        _api = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken))
            .On("GET", "/v1/models", FakeResponse.FromFixture(ProviderFixture.Load("anthropic", "overloaded-529")));
        _page = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsStatusPage("anthropic-incident");
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _page.DisposeAsync();
    }

    private Dictionary<string, string> Env(string statusPage) => new()
    {
        ["ANTHROPIC_API_KEY"] = _key,
        ["ANTHROPIC_BASE_URL"] = _api.BaseUrl.ToString(),
        ["StatusPages__Anthropic__Url"] = statusPage,
        ["Diagnostics__RetryDelay"] = "00:00:00",
    };

    [Fact]
    public async Task Diagnose_during_an_incident_says_so_with_the_link_and_keeps_the_verdict()
    {
        var result = await CliHarness.RunAsync(["diagnose", "anthropic"], Env(_page.BaseUrl.ToString()));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("code: provider.overloaded", result.Out, StringComparison.Ordinal);
        Assert.Contains("Anthropic reports an incident: Elevated errors for multiple models", result.Out, StringComparison.Ordinal);
        Assert.Contains("/incidents/461yvfrzpwtt", result.Out, StringComparison.Ordinal);
        LeakAssert.NoSecret(result.All, _key);
    }

    [Fact]
    public async Task Diagnose_json_carries_provider_incident_with_its_evidence()
    {
        var result = await CliHarness.RunAsync(["diagnose", "anthropic", "--json"], Env(_page.BaseUrl.ToString()));

        using var json = JsonDocument.Parse(result.Out);
        var provider = json.RootElement.GetProperty("providers")[0];
        Assert.Equal("provider.overloaded", provider.GetProperty("verdict").GetString());
        var incident = provider.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "provider.incident");
        Assert.Equal("warn", incident.GetProperty("severity").GetString());
        Assert.Equal("identified", incident.GetProperty("evidence").GetProperty("incident_status").GetString());
        Assert.Equal("2026-09-03T13:26:04Z", incident.GetProperty("evidence").GetProperty("incident_since").GetString());
        LeakAssert.NoSecret(result.All, _key);
    }

    [Fact]
    public async Task Diagnose_with_the_page_off_asks_nothing()
    {
        var result = await CliHarness.RunAsync(["diagnose", "anthropic", "--json"], Env("none"));

        Assert.DoesNotContain("provider.incident", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("info.status_page", result.Out, StringComparison.Ordinal);
        Assert.Empty(_page.Requests);
    }
}
