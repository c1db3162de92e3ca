using System.Collections.Concurrent;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>
/// Ten OpenAI targets fail during one incident on OpenAI's status page: one alert per destination naming them all,
/// then one recovery notice per target saying the incident ended. Real monitor, engine, store and outbox; a fake
/// OpenAI API and a fake status page (recorded real answers) on loopback; fake time.
/// </summary>
public sealed class IncidentAlertTests : IAsyncLifetime
{
    private const int Count = 10;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-incident-" + Guid.NewGuid().ToString("N"));
    private readonly string[] _keys = [.. Enumerable.Range(0, Count).Select(_ => TestKeys.OpenAIProject())];
    private readonly ConcurrentDictionary<string, string> _environment = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 3, 13, 0, 0, TimeSpan.Zero));
    private readonly RecordingDestination _discord = new("discord");
    private readonly RecordingDestination _telegram = new("telegram");
    private volatile bool _incident;
    private FakeProviderServer _openai = null!;
    private FakeProviderServer _page = null!;

    public async ValueTask InitializeAsync()
    {
        var ok = FakeResponse.FromFixture(ProviderFixture.Load("openai", "models-list-ok"));
        var broken = FakeResponse.FromFixture(ProviderFixture.Load("openai", "server-error-500"));
        _openai = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).On("GET", "/v1/models", _ => _incident ? broken : ok);
        var operational = StatusPageFixture.Load("openai-operational").ToResponse();
        var degraded = StatusPageFixture.Load("openai-degraded").ToResponse();
        _page = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken))
            .On("GET", "/api/v2/summary.json", _ => _incident ? degraded : operational)
            .AsStatusPage("openai-incidents");
        for (var i = 0; i < Count; i++)
        {
            _environment[$"KEY_{i}"] = _keys[i];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _openai.DisposeAsync();
        await _page.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string Name(int i) => $"openai-{i}";

    private async Task<MonitorHarness> StartAsync()
    {
        var settings = MonitorHarness.Settings(_directory, _openai.BaseUrl, [.. Enumerable.Range(0, Count).Select(i => (Name(i), $"KEY_{i}", "discord:111"))]);
        for (var i = 0; i < 3; i++)
        {
            settings[$"Monitor:Targets:{i}:Destinations:1"] = "telegram:222"; // three of them also alert a Telegram chat
        }

        settings["StatusPages:OpenAI:Url"] = _page.BaseUrl.AbsoluteUri;
        settings["Diagnostics:RetryDelay"] = "00:00:00";
        return await MonitorHarness.StartAsync(settings, _environment, _time, _discord, _telegram);
    }

    [Fact]
    public async Task Ten_targets_failing_in_one_incident_make_one_alert_per_destination_and_recover_one_by_one()
    {
        await using var harness = await StartAsync();
        await harness.StepAsync(); // all work
        _incident = true;
        await harness.StepAsync(); // first failures: pending
        await harness.StepAsync(); // failing: held in one group, sent once every target has been seen
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();
        await _telegram.WaitForAttemptsAsync();

        var discord = MonitorHarness.Render(Assert.Single(_discord.Posted).Alert);
        Assert.Contains($"{Count} OpenAI keys are failing while OpenAI reports an incident", discord, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, Count), i => Assert.Contains($"• {Name(i)}: ", discord, StringComparison.Ordinal));
        Assert.Contains("OpenAI reports an incident: \"Elevated error rates\" (investigating, since 2026-09-03 13:30 UTC).", discord, StringComparison.Ordinal);
        Assert.Contains("/incidents/2rm6gqeh", discord, StringComparison.Ordinal);
        Assert.Contains("code: provider.server_error", discord, StringComparison.Ordinal);
        var telegram = MonitorHarness.Render(Assert.Single(_telegram.Posted).Alert);
        Assert.Contains("3 OpenAI keys are failing", telegram, StringComparison.Ordinal);
        Assert.DoesNotContain($"• {Name(3)}: ", telegram, StringComparison.Ordinal);

        _incident = false;
        await harness.StepAsync(); // every target works again: a notice each
        await _discord.WaitForAttemptsAsync(Count);
        await _telegram.WaitForAttemptsAsync(3);

        var recoveries = _discord.Posted.Skip(1).Select(d => MonitorHarness.Render(d.Alert)).ToList();
        Assert.Equal(Count, recoveries.Count);
        Assert.All(Enumerable.Range(0, Count), i => Assert.Single(recoveries, r => r.Contains($"{Name(i)} (OpenAI) works again (code: ok)", StringComparison.Ordinal)));
        Assert.All(recoveries, r => Assert.Contains("OpenAI's incident \"Elevated error rates\" has ended: its status page no longer reports it", r, StringComparison.Ordinal));
        Assert.Equal(4, _telegram.Posted.Count);

        foreach (var delivery in _discord.Attempts.Concat(_telegram.Attempts))
        {
            LeakAssert.NoSecret(MonitorHarness.Render(delivery.Alert), _keys);
        }

        LeakAssert.NoSecret(harness.LogText, _keys);
        MonitorHarness.AssertNoLeakInFiles(_directory, _keys);
        Assert.Empty(_openai.Unexpected);
        Assert.Empty(_page.Unexpected);
    }
}
