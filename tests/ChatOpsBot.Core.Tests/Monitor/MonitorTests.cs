using System.Collections.Concurrent;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>
/// The monitor end to end: scheduler, real engine against a fake OpenAI on loopback, state machine, SQLite store,
/// outbox and dispatcher, with fake time and recording destinations.
/// </summary>
public sealed class MonitorTests : IAsyncLifetime
{
    private const string Channel = "discord:111";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-monitor-" + Guid.NewGuid().ToString("N"));
    private readonly string _goodKey = TestKeys.OpenAIProject();
    private readonly string _otherGoodKey = TestKeys.OpenAIProject();
    private readonly string _badKey = TestKeys.OpenAIProject();
    private readonly ConcurrentDictionary<string, string> _environment = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingDestination _discord = new("discord");
    private readonly RecordingDestination _telegram = new("telegram");
    private readonly RecordingDestination _webhook = new("discord-webhook");
    private readonly string _webhookToken = "Zx9" + TestKeys.Gemini()[4..] + "Qw7-" + TestKeys.Gemini()[4..];
    private FakeProviderServer _openai = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(_goodKey, _otherGoodKey);
        _environment["PROD_KEY"] = _goodKey;
        _environment["BATCH_KEY"] = _otherGoodKey;
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_openai.Unexpected);
        await _openai.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string[] Secrets => [_goodKey, _otherGoodKey, _badKey, _webhookToken];

    private Dictionary<string, string?> Settings(params (string Name, string KeyEnv, string Destination)[] targets) =>
        MonitorHarness.Settings(_directory, _openai.BaseUrl, targets.Length == 0 ? [("prod", "PROD_KEY", Channel)] : targets);

    private Task<MonitorHarness> StartAsync(Dictionary<string, string?>? settings = null) =>
        MonitorHarness.StartAsync(settings ?? Settings(), _environment, _time, _discord, _telegram, _webhook);

    private static Reply Alert(AlertDelivery delivery) => delivery.Alert;

    private void AssertNoLeaks(MonitorHarness harness)
    {
        LeakAssert.NoSecret(harness.LogText, Secrets);
        foreach (var delivery in _discord.Attempts.Concat(_telegram.Attempts).Concat(_webhook.Attempts))
        {
            LeakAssert.NoSecret(MonitorHarness.Render(delivery.Alert), Secrets);
        }

        MonitorHarness.AssertNoLeakInFiles(_directory, Secrets);
    }

    [Fact]
    public async Task A_key_that_breaks_is_alerted_once_after_N_failures_with_code_evidence_and_rerun()
    {
        await using var harness = await StartAsync();
        await harness.StepAsync(); // ok
        Assert.Equal(TargetState.Healthy, (await harness.Control.GetOverviewAsync(TestContext.Current.CancellationToken)).Targets[0].State);

        _environment["PROD_KEY"] = _badKey;
        await harness.StepAsync(); // 1st failure: pending
        Assert.Empty(_discord.Attempts);
        await harness.StepAsync(); // 2nd: alert
        await _discord.WaitForAttemptsAsync();
        await harness.StepAsync(); // 3rd: still failing, no reminder yet
        await harness.StepAsync();

        var posted = Assert.Single(_discord.Posted);
        Assert.Equal("111", posted.Address);
        Assert.Equal(ReplyKind.Alert, posted.Alert.Kind);
        Assert.Equal(ReplyVisibility.Public, posted.Alert.Visibility);
        Assert.InRange(posted.DedupeKey.Length, 1, 25);
        Assert.True(posted.DedupeKey.All(char.IsAscii));
        var text = MonitorHarness.Render(posted.Alert);
        Assert.Contains("prod (OpenAI) is failing: The key was rejected (code: auth.invalid_key)", text, StringComparison.Ordinal);
        Assert.Contains("Since 2026-11-27 12:0", text, StringComparison.Ordinal);
        Assert.Contains("2 checks in a row", text, StringComparison.Ordinal);
        Assert.Contains("What changed: it last worked at", text, StringComparison.Ordinal);
        Assert.Contains("Re-run: /diagnose key:prod", text, StringComparison.Ordinal);
        var card = Assert.Single(posted.Alert.Cards);
        Assert.Equal("code: auth.invalid_key", card.Verdict.CodeText);
        Assert.Contains(card.Fields, f => f.Name == "status" && f.Value == "401");
        Assert.Contains(card.Fields, f => f.Name == "request_id" && f.Value.StartsWith("req_", StringComparison.Ordinal));
        Assert.NotEmpty(card.NextSteps);
        var overview = await harness.Control.GetOverviewAsync(TestContext.Current.CancellationToken);
        var status = Assert.Single(overview.Targets);
        Assert.Equal((TargetState.Failing, "auth.invalid_key", 5), (status.State, status.Code, status.ChecksIn24Hours));
        Assert.Equal(0.2, status.Availability!.Value, 3);
        Assert.NotNull(status.MedianLatency);
        Assert.Equal(5, status.History.Count);
        Assert.All(_openai.Requests, r => Assert.Equal(("GET", "/v1/models"), (r.Method, r.Path))); // token-free probes only
        AssertNoLeaks(harness);
    }

    [Fact]
    public async Task A_target_still_failing_is_reminded_every_RenotifyEvery_and_a_recovery_says_code_ok()
    {
        _environment["PROD_KEY"] = _badKey;
        await using var harness = await StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await harness.StepAsync(); // checks at 1.0, 2.1 (alert), 3.2 … 7.6 min (reminder: 5.5 min after the alert)
        }

        await _discord.WaitForAttemptsAsync(2);
        _environment["PROD_KEY"] = _goodKey;
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();
        await harness.StepAsync();

        Assert.Equal([ReplyKind.Alert, ReplyKind.Alert, ReplyKind.Recovery], _discord.Posted.Select(p => p.Alert.Kind));
        var reminder = MonitorHarness.Render(_discord.Posted[1].Alert);
        Assert.Contains("prod (OpenAI) is still failing", reminder, StringComparison.Ordinal);
        Assert.Contains("next reminder in 5 min", reminder, StringComparison.Ordinal);
        var recovery = _discord.Posted[2].Alert;
        var text = MonitorHarness.Render(recovery);
        Assert.Contains("prod (OpenAI) works again (code: ok)", text, StringComparison.Ordinal);
        Assert.Contains("was failing with auth.invalid_key from 2026-11-27 12:01 UTC", text, StringComparison.Ordinal);
        Assert.Equal("code: ok", Assert.Single(recovery.Cards).Verdict.CodeText);
        Assert.Equal(3, _discord.Posted.Select(p => p.DedupeKey).Distinct().Count());
        AssertNoLeaks(harness);
    }

    [Fact]
    public async Task A_verdict_change_while_failing_alerts_again_rate_limited_then_quota()
    {
        var rate = FakeResponse.FromFixture(ProviderFixture.Load("openai", "rate-limit-rpd"));
        var quota = FakeResponse.FromFixture(ProviderFixture.Load("openai", "insufficient-quota"));
        await using var harness = await StartAsync();
        await harness.StepAsync();
        _openai.Enqueue("GET", "/v1/models", rate).Enqueue("GET", "/v1/models", rate);
        await harness.StepAsync();
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();
        _openai.Enqueue("GET", "/v1/models", quota);
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();

        Assert.Equal(2, _discord.Posted.Count);
        Assert.Equal("code: rate.limited", _discord.Posted[0].Alert.Cards[0].Verdict.CodeText);
        var changed = MonitorHarness.Render(_discord.Posted[1].Alert);
        Assert.Contains("(code: quota.exhausted)", changed, StringComparison.Ordinal);
        Assert.Contains("the verdict was rate.limited, now it is quota.exhausted", changed, StringComparison.Ordinal);
        AssertNoLeaks(harness);
    }

    [Fact]
    public async Task A_target_that_opts_into_the_deep_check_sees_an_exhausted_quota()
    {
        _openai.On("POST", "/v1/chat/completions", FakeResponse.FromFixture(ProviderFixture.Load("openai", "insufficient-quota")));
        var settings = Settings();
        settings["Monitor:Targets:0:Deep"] = "true";
        await using var harness = await StartAsync(settings);

        await harness.StepAsync();
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();

        Assert.Equal("code: quota.exhausted", Assert.Single(_discord.Posted).Alert.Cards[0].Verdict.CodeText);
        Assert.Equal(2, _openai.Requests.Count(r => r.Method == "POST" && r.Path == "/v1/chat/completions"));
    }

    [Fact]
    public async Task A_muted_target_is_not_alerted_until_the_mute_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        _environment["PROD_KEY"] = _badKey;
        await using var harness = await StartAsync();
        var mute = await harness.Control.MuteAsync("PROD", TimeSpan.FromMinutes(3), "alice", ct);
        Assert.True(mute.TargetFound);
        Assert.Equal(_time.GetUtcNow().AddMinutes(3), mute.Until);
        Assert.Equal(["prod"], mute.KnownTargets);

        await harness.StepAsync(); // 1.0 min
        await harness.StepAsync(); // 2.1: failing, muted
        Assert.Equal(TargetState.Failing, (await harness.Control.GetOverviewAsync(ct)).Targets[0].State);
        Assert.NotNull((await harness.Control.GetOverviewAsync(ct)).Targets[0].MutedUntil);
        await harness.StepAsync(); // 3.2: mute over
        await _discord.WaitForAttemptsAsync();

        var alert = Assert.Single(_discord.Posted);
        Assert.Contains("is failing", MonitorHarness.Render(alert.Alert), StringComparison.Ordinal);
        Assert.False((await harness.Control.MuteAsync("nope", TimeSpan.FromMinutes(1), "alice", ct)).TargetFound);
        Assert.Null((await harness.Control.MuteAsync("prod", TimeSpan.Zero, "alice", ct)).Until);
    }

    [Fact]
    public async Task A_destination_failing_for_a_while_then_recovering_gets_the_alert_exactly_once()
    {
        _environment["PROD_KEY"] = _badKey;
        var settings = Settings();
        settings["Monitor:Targets:0:Interval"] = "00:10:00"; // no check while the retries run
        await using var harness = await StartAsync(settings);
        _discord.FailNext(2, DeliveryResult.Retry("Discord answered 503."));
        _discord.PostButLoseAnswerNext();

        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(11)); // 2nd failure: alert queued
        await _discord.WaitForAttemptsAsync();
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            var wait = await harness.DispatcherTimerAsync();
            Assert.InRange(wait, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
            await harness.AdvanceAsync(wait);
            await _discord.WaitForAttemptsAsync();
        }

        Assert.Equal(4, _discord.Attempts.Count);
        Assert.Single(_discord.Attempts.Select(a => a.DedupeKey).Distinct()); // one key on every attempt
        Assert.Equal([1, 2, 3, 4], _discord.Attempts.Select(a => a.Attempt));
        Assert.Single(_discord.Posted); // the 3rd attempt was posted but its answer lost: the 4th did not post again
        var overview = await harness.Control.GetOverviewAsync(TestContext.Current.CancellationToken);
        var destination = Assert.Single(overview.Destinations);
        Assert.Equal((Channel, 0, null as string), (destination.Destination, destination.Waiting, destination.Problem));
        Assert.NotNull(destination.LastDelivered);
        Assert.Single(harness.Logs, l => l.Level == LogLevel.Warning && l.Is<OutboxDispatcher>(2) && l.Value("Problem")?.Contains("503", StringComparison.Ordinal) == true); // Retrying: not getting through
        Assert.Contains(harness.Logs, l => l.Is<OutboxDispatcher>(4)); // Working: they get through again
        AssertNoLeaks(harness);
    }

    [Fact]
    public async Task A_channel_the_bot_cannot_post_in_keeps_the_alert_logs_once_and_shows_the_problem()
    {
        var ct = TestContext.Current.CancellationToken;
        _environment["PROD_KEY"] = _badKey;
        var settings = Settings();
        settings["Monitor:Targets:0:Interval"] = "00:10:00";
        await using var harness = await StartAsync(settings);
        _discord.Always = DeliveryResult.Block("Missing Access (403, code 50001): give the bot View Channel and Send Messages in #alerts.");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(11));
        await _discord.WaitForAttemptsAsync();
        var wait = await harness.DispatcherTimerAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        await harness.AdvanceAsync(wait);
        await _discord.WaitForAttemptsAsync();

        var overview = await harness.Control.GetOverviewAsync(ct);
        var destination = Assert.Single(overview.Destinations);
        Assert.Equal(1, destination.Waiting);
        Assert.Contains("Missing Access", destination.Problem, StringComparison.Ordinal);
        Assert.True(destination.FromConfig);
        Assert.Equal(["prod"], destination.Targets);
        Assert.Single(harness.Logs, l => l.Level == LogLevel.Error && l.Is<OutboxDispatcher>(3) && l.Value("Problem")?.StartsWith("Missing Access", StringComparison.Ordinal) == true); // Blocked

        _discord.Always = null; // someone fixed the permission
        wait = await harness.DispatcherTimerAsync();
        await harness.AdvanceAsync(wait);
        await _discord.WaitForAttemptsAsync();
        Assert.Single(_discord.Posted);
        Assert.Null((await harness.Control.GetOverviewAsync(ct)).Destinations[0].Problem);
    }

    [Fact]
    public async Task A_restart_with_a_pending_outbox_delivers_it_and_does_not_alert_again()
    {
        var ct = TestContext.Current.CancellationToken;
        _environment["PROD_KEY"] = _badKey;
        var settings = Settings();
        settings["Monitor:Targets:0:Interval"] = "00:10:00";
        settings["Monitor:RenotifyEvery"] = "01:00:00";
        await using (var first = await StartAsync(settings))
        {
            _discord.Always = DeliveryResult.Retry("Discord is down (502).");
            await first.AdvanceAsync(TimeSpan.FromMinutes(10));
            await first.AdvanceAsync(TimeSpan.FromMinutes(11));
            await _discord.WaitForAttemptsAsync();
            Assert.Equal(1, (await first.Control.GetOverviewAsync(ct)).Destinations[0].Waiting);
        }

        _discord.Always = null;
        await using var second = await StartAsync(settings);
        var wait = await second.DispatcherTimerAsync(); // the entry waits out its back-off across the restart
        await second.AdvanceAsync(wait);
        await _discord.WaitForAttemptsAsync();
        Assert.Single(_discord.Posted);
        Assert.Equal(2, _discord.Attempts.Count);
        Assert.Equal(_discord.Attempts[0].DedupeKey, _discord.Attempts[1].DedupeKey);

        await second.AdvanceAsync(TimeSpan.FromMinutes(11)); // still failing after the restart: no second alert
        await second.AdvanceAsync(TimeSpan.FromMinutes(11));
        var status = (await second.Control.GetOverviewAsync(ct)).Targets[0];
        Assert.Equal(TargetState.Failing, status.State);
        Assert.Equal(4, status.ChecksIn24Hours);
        Assert.Single(_discord.Posted);
        AssertNoLeaks(second);
    }

    [Fact]
    public async Task Two_targets_failing_at_once_each_alert_once_to_their_own_destination()
    {
        await using var harness = await StartAsync(Settings(("prod", "PROD_KEY", Channel), ("batch", "BATCH_KEY", "telegram:-1001234567890")));
        await harness.StepAsync();
        _environment["PROD_KEY"] = _badKey;
        _environment["BATCH_KEY"] = _badKey;
        await harness.StepAsync();
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();
        await _telegram.WaitForAttemptsAsync();
        await harness.StepAsync();

        Assert.Contains("prod (OpenAI) is failing", MonitorHarness.Render(Assert.Single(_discord.Posted).Alert), StringComparison.Ordinal);
        var batch = Assert.Single(_telegram.Posted);
        Assert.Equal("-1001234567890", batch.Address);
        Assert.Contains("batch (OpenAI) is failing", MonitorHarness.Render(batch.Alert), StringComparison.Ordinal);
        AssertNoLeaks(harness);
    }

    [Fact]
    public async Task A_missing_environment_variable_alerts_key_missing_while_the_other_target_runs()
    {
        await using var harness = await StartAsync(Settings(("prod", "PROD_KEY", Channel), ("ghost", "NOT_SET_ANYWHERE", Channel)));
        await harness.StepAsync();
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();

        var alert = Assert.Single(_discord.Posted).Alert;
        Assert.Contains("ghost (OpenAI) is failing", alert.Text, StringComparison.Ordinal);
        Assert.Equal("code: key.missing", alert.Cards[0].Verdict.CodeText);
        var overview = await harness.Control.GetOverviewAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TargetState.Healthy, overview.Targets.Single(t => t.Name == "prod").State);
        Assert.Equal(2, overview.Targets.Single(t => t.Name == "prod").ChecksIn24Hours);
        Assert.Equal(2, _openai.Requests.Count); // only prod reached the provider
    }

    [Fact]
    public async Task Subscriptions_add_a_destination_for_every_target_and_a_test_alert_goes_through_the_outbox()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await StartAsync();

        Assert.Equal(SubscriptionOutcome.Added, (await harness.Control.SubscribeAsync("telegram:-100777", "bob", ct)).Outcome);
        Assert.Equal(SubscriptionOutcome.AlreadySubscribed, (await harness.Control.SubscribeAsync("telegram:-100777", "bob", ct)).Outcome);
        Assert.Equal(SubscriptionOutcome.Invalid, (await harness.Control.SubscribeAsync("slack:general", "bob", ct)).Outcome);
        Assert.Equal(SubscriptionOutcome.Invalid, (await harness.Control.SubscribeAsync("telegram:abc", "bob", ct)).Outcome);
        Assert.Equal(SubscriptionOutcome.ConfiguredCannotRemove, (await harness.Control.UnsubscribeAsync(Channel, ct)).Outcome);
        Assert.True((await harness.Control.SendTestAlertAsync("telegram:-100777", "bob", ct)).Queued);
        await _telegram.WaitForAttemptsAsync();
        Assert.Contains("Test alert", Assert.Single(_telegram.Posted).Alert.Text, StringComparison.Ordinal);

        _environment["PROD_KEY"] = _badKey;
        await harness.StepAsync();
        await harness.StepAsync();
        await _discord.WaitForAttemptsAsync();
        await _telegram.WaitForAttemptsAsync();
        Assert.Equal(2, _telegram.Posted.Count);
        var overview = await harness.Control.GetOverviewAsync(ct);
        var subscribed = Assert.Single(overview.Destinations, d => d.Destination == "telegram:-100777");
        Assert.False(subscribed.FromConfig);
        Assert.Equal(["prod"], subscribed.Targets);

        Assert.Equal(SubscriptionOutcome.Removed, (await harness.Control.UnsubscribeAsync("telegram:-100777", ct)).Outcome);
        Assert.Equal(SubscriptionOutcome.NotSubscribed, (await harness.Control.UnsubscribeAsync("telegram:-100777", ct)).Outcome);
    }

    [Fact]
    public async Task A_webhook_destination_gets_its_alert_but_its_token_never_reaches_the_store_or_logs()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = $"https://discord.com/api/webhooks/1234567890/{_webhookToken}";
        _environment["PROD_KEY"] = _badKey;
        await using var harness = await StartAsync(Settings(("prod", "PROD_KEY", "discord-webhook:" + url)));
        await harness.StepAsync();
        await harness.StepAsync();
        await _webhook.WaitForAttemptsAsync();

        Assert.Equal(url, Assert.Single(_webhook.Posted).Address);
        var destination = Assert.Single((await harness.Control.GetOverviewAsync(ct)).Destinations);
        Assert.Equal("discord-webhook:https://discord.com/api/webhooks/1234567890/…", destination.Destination);
        var subscribe = await harness.Control.SubscribeAsync("discord-webhook:https://discord.com/api/webhooks/42/" + _webhookToken[..20] + "other", "bob", ct);
        Assert.Equal(SubscriptionOutcome.Invalid, subscribe.Outcome);
        Assert.Contains("secret", subscribe.Problem, StringComparison.Ordinal);
        Assert.True((await harness.Control.SendTestAlertAsync("discord-webhook:" + url, "bob", ct)).Queued);
        await _webhook.WaitForAttemptsAsync();
        AssertNoLeaks(harness);
    }

    [Fact]
    public async Task A_platform_without_a_token_keeps_alerts_waiting_and_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        _telegram.IsAvailable = false;
        _environment["PROD_KEY"] = _badKey;
        var settings = Settings(("prod", "PROD_KEY", "telegram:-100999"));
        await using var harness = await StartAsync(settings);
        await harness.StepAsync();
        await harness.StepAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), await harness.DispatcherTimerAsync());

        var destination = Assert.Single((await harness.Control.GetOverviewAsync(ct)).Destinations);
        Assert.Equal(1, destination.Waiting);
        Assert.Contains("not configured here (no token)", destination.Problem, StringComparison.Ordinal);
        Assert.Empty(_telegram.Attempts);
        Assert.False((await harness.Control.SendTestAlertAsync("telegram:-100999", "bob", ct)).Queued);
    }

    [Fact]
    public async Task Checks_run_at_most_MaxConcurrency_at_a_time()
    {
        var provider = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _openai.WithGate("GET", "/v1/models", provider.Task); // held until released, so checks overlap
        var settings = Settings(("a", "PROD_KEY", Channel), ("b", "PROD_KEY", Channel), ("c", "PROD_KEY", Channel), ("d", "PROD_KEY", Channel));
        settings["Monitor:MaxConcurrency"] = "2";
        await using var harness = await StartAsync(settings);

        var step = harness.StepAsync();
        try
        {
            await _openai.WaitForRequestsAsync(2); // two checks wait on the provider at once; the others wait for a slot
        }
        finally
        {
            provider.TrySetResult();
        }

        await step;

        Assert.Equal(4, _openai.Requests.Count);
        Assert.Equal(2, harness.Scheduler.PeakConcurrency);
    }

    [Fact]
    public async Task Bad_settings_stop_the_start_naming_each_setting()
    {
        var settings = Settings(("prod", "PROD_KEY", Channel), ("batch", "BATCH_KEY", "slack:#alerts"), ("third", "PROD_KEY", "telegram:not-a-number"));
        settings["Monitor:Targets:2:Interval"] = "00:00:01";
        settings["Monitor:FailuresBeforeAlert"] = "0";
        settings["Monitor:QuietHours:Start"] = "22:00";
        settings["Monitor:QuietHours:End"] = "7am";
        using var host = MonitorHarness.Build(settings, _environment, _time, _discord, _telegram, _webhook);

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Monitor:Targets:2:Interval must be at least 00:00:05", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Targets:1:Destinations:0 has the scheme \"slack\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Targets:2:Destinations:0 (not-a-number): must be a numeric id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:FailuresBeforeAlert must be between 1 and 100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:QuietHours:End", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory)); // nothing was created
    }

    [Fact]
    public void The_shipped_appsettings_json_binds_and_validates()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "config", "appsettings.json")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(directory.FullName, "config", "appsettings.json"))
            .Build();
        var options = new MonitorOptions();
        configuration.GetSection(MonitorOptions.SectionName).Bind(options);

        var result = new MonitorOptionsValidator([_discord, _telegram]).Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal((2, TimeSpan.FromHours(1), true, 8), (options.FailuresBeforeAlert, options.RenotifyEvery, options.RecoveryNotices, options.MaxConcurrency));
        Assert.Equal(TimeSpan.FromDays(30), options.HistoryRetention);
    }

    [Fact]
    public async Task A_store_file_that_cannot_be_opened_stops_the_start_naming_the_file()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, MonitorStore.FileName);
        await File.WriteAllBytesAsync(path, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))], TestContext.Current.CancellationToken);
        using var host = MonitorHarness.Build(Settings(), _environment, _time, _discord, _telegram);

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_targets_means_the_monitor_is_off_and_creates_no_file()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _directory };
        using var host = MonitorHarness.Build(settings, _environment, _time, _discord);
        await host.StartAsync(TestContext.Current.CancellationToken);

        var control = (IMonitorControl)host.Services.GetService(typeof(IMonitorControl))!;
        Assert.False(control.IsEnabled);
        Assert.Empty((await control.GetOverviewAsync(TestContext.Current.CancellationToken)).Targets);
        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(_directory));
    }
}
