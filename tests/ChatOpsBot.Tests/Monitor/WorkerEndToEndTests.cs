using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Tests.Monitor;

/// <summary>
/// Issue 6 end to end: the real worker (monitor → store → outbox → Discord and Telegram destinations) against fake
/// platforms, asserting on what the platforms received.
/// </summary>
public sealed class WorkerEndToEndTests : IAsyncLifetime
{
    private const ulong Channel = 880_000_000_000_000_001;
    private const long Group = -1_001_234_567_890;
    private WorkerHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await WorkerHarness.CreateAsync();
        _h.Discord.AddChannel(WorkerHarness.Guild, 0, Channel);
        _h.Environment["PROD_KEY"] = _h.GoodKey;
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_h.OpenAI.Unexpected);
        await _h.DisposeAsync();
    }

    private static string Discord(ulong channel) => "discord:" + channel.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Telegram(long chat) => "telegram:" + chat.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Failures_AlertOnceInDiscordAndTelegram_RenotifyVerdictChangeAndRecovery()
    {
        _h.Target("prod", "PROD_KEY", Discord(Channel), Telegram(Group));
        await _h.StartAsync();
        await _h.StepAsync(); // ok

        _h.Environment["PROD_KEY"] = _h.BadKey;
        await _h.StepAsync(); // 1st failure: no alert yet
        await _h.StepAsync(); // 2nd: alert
        await _h.DiscordMessagesAsync(Channel, 1);
        await _h.TelegramMessagesAsync(Group, 1);
        await _h.StepAsync(); // still failing: within RenotifyEvery, no new alert
        await _h.DispatcherIdleAsync();

        var alert = Assert.Single(_h.DiscordMessages(Channel));
        Assert.Equal("code: auth.invalid_key", WorkerHarness.Footer(alert));
        Assert.Equal(DiscordReplyRenderer.ErrorColor, WorkerHarness.Colour(alert));
        Assert.Contains("prod", alert.ToJsonString(), StringComparison.Ordinal);
        var telegramAlert = Assert.Single(_h.Telegram.MessagesIn(Group));
        Assert.Equal("html", telegramAlert.ParseMode, ignoreCase: true);
        Assert.Contains("auth.invalid_key", telegramAlert.Text, StringComparison.Ordinal);
        Assert.Contains("prod", telegramAlert.Text, StringComparison.Ordinal);
        Assert.True(TelegramHtmlParser.TryParse(telegramAlert.RawText!, out _, out var problem), problem);

        // Re-notify: RenotifyEvery is 5 minutes; the alert went out at the 2nd failure.
        for (var i = 0; i < 4; i++)
        {
            await _h.StepAsync();
        }

        await _h.DiscordMessagesAsync(Channel, 2);
        await _h.TelegramMessagesAsync(Group, 2);
        Assert.Equal("code: auth.invalid_key", WorkerHarness.Footer(_h.DiscordMessages(Channel)[1]));

        // The verdict changes (401 → quota): a new alert at once.
        _h.Environment["PROD_KEY"] = _h.GoodKey;
        _h.OpenAI.Enqueue("GET", "/v1/models", FakeResponse.FromFixture(ProviderFixture.Load("openai", "insufficient-quota")));
        await _h.StepAsync();
        await _h.DiscordMessagesAsync(Channel, 3);
        await _h.TelegramMessagesAsync(Group, 3);
        Assert.Equal("code: quota.exhausted", WorkerHarness.Footer(_h.DiscordMessages(Channel)[2]));
        Assert.Contains("quota.exhausted", _h.Telegram.MessagesIn(Group)[2].Text, StringComparison.Ordinal);

        // Recovery: the next check works.
        await _h.StepAsync();
        await _h.DiscordMessagesAsync(Channel, 4);
        await _h.TelegramMessagesAsync(Group, 4);
        var recovery = _h.DiscordMessages(Channel)[3];
        Assert.Equal("code: ok", WorkerHarness.Footer(recovery));
        Assert.Equal(DiscordReplyRenderer.OkColor, WorkerHarness.Colour(recovery));
        Assert.Contains("code: ok", _h.Telegram.MessagesIn(Group)[3].Text, StringComparison.Ordinal);

        // Healthy from now on: nothing more arrives.
        await _h.StepAsync();
        await _h.StepAsync();
        await _h.DispatcherIdleAsync();
        Assert.Equal(4, _h.DiscordMessages(Channel).Count);
        Assert.Equal(4, _h.Telegram.MessagesIn(Group).Count);
        _h.AssertNothingLeaked();
    }

    [Theory]
    [InlineData("503")]
    [InlineData("drop")]
    public async Task DiscordFailingForAWhileThenRecovering_DeliversTheAlertExactlyOnce(string fault)
    {
        _h.Target("prod", "PROD_KEY", Discord(Channel));
        await _h.StartAsync();
        await _h.StepAsync();
        var route = $"POST /channels/{Channel}/messages";
        if (fault == "503")
        {
            _h.Discord.FailNext(route, 2, 503);
        }
        else
        {
            _h.Discord.DropResponses(route, 2); // Discord creates the message; the bot never hears back
        }

        _h.Environment["PROD_KEY"] = _h.BadKey;
        await _h.StepAsync();
        await _h.StepAsync(); // alert queued; the first attempt fails
        // Each failed attempt parks the outbox on its back-off: run the clock from retry to retry until it is through.
        int Posts() => _h.Discord.Calls.Count(c => c.Method == "POST" && c.Path == $"/channels/{Channel}/messages");
        bool Delivered() => _h.Logs.Any(l => l.Is<OutboxDispatcher>(1) && l.Value("Kind") == "failing" && l.Value("Target") == "prod" // Delivered
            && l.Value("Destination")?.StartsWith("discord:", StringComparison.Ordinal) == true);
        await _h.RunUntilAsync(Delivered, "the alert delivered");
        await _h.DiscordMessagesAsync(Channel, 1);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(126)); // past DeliveryRetryMax, twice: any duplicate would be sent now
        await _h.DispatcherIdleAsync();

        var alert = Assert.Single(_h.DiscordMessages(Channel));
        Assert.Equal("code: auth.invalid_key", WorkerHarness.Footer(alert));
        Assert.True(Posts() >= 3, $"{Posts()} POSTs: {string.Join(", ", _h.Discord.Calls.Select(c => c.Method + " " + c.Path + " " + c.Status))}");
        _h.AssertNothingLeaked();
    }

    [Fact]
    public async Task AMissingEnvironmentVariable_IsAlertedAsKeyMissing_TheOtherTargetRuns_TwoFailuresTwoAlerts()
    {
        _h.Target("prod", "PROD_KEY", Discord(Channel)).Target("batch", "BATCH_KEY_NOT_SET", Discord(Channel));
        await _h.StartAsync();
        await _h.StepAsync();
        await _h.StepAsync(); // batch: 2 failures (key.missing); prod: fine
        await _h.DiscordMessagesAsync(Channel, 1);
        await _h.DispatcherIdleAsync();
        var missing = Assert.Single(_h.DiscordMessages(Channel));
        Assert.Equal("code: key.missing", WorkerHarness.Footer(missing));
        Assert.Contains("batch", missing.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("BATCH_KEY_NOT_SET", missing.ToJsonString(), StringComparison.Ordinal);

        // prod breaks too: its own alert (two targets failing at once, two alerts).
        _h.Environment["PROD_KEY"] = _h.BadKey;
        await _h.StepAsync();
        await _h.StepAsync();
        await _h.DiscordMessagesAsync(Channel, 2);
        await _h.DispatcherIdleAsync();
        Assert.Equal(2, _h.DiscordMessages(Channel).Count);
        Assert.Equal("code: auth.invalid_key", WorkerHarness.Footer(_h.DiscordMessages(Channel)[1]));
        Assert.True(_h.OpenAI.Requests.Count >= 4); // prod was checked all along
        _h.AssertNothingLeaked();
    }

    [Fact]
    public async Task ARestartWithAnUndeliveredAlert_DeliversItOnce_AndDoesNotAlertAgain()
    {
        _h.Target("prod", "PROD_KEY", Discord(Channel));
        _h.Discord.FailNext($"POST /channels/{Channel}/messages", 1000, 503); // Discord is down
        await _h.StartAsync();
        _h.Environment["PROD_KEY"] = _h.BadKey;
        await _h.StepAsync();
        await _h.StepAsync(); // alert queued; attempts fail
        await _h.Clock.IdleAsync();
        Assert.Contains(_h.Discord.Calls, c => c.Path == $"/channels/{Channel}/messages" && c.Status == 503); // a failed attempt
        await _h.StopAsync();
        Assert.Empty(_h.DiscordMessages(Channel));

        _h.Discord.ClearFaults(); // Discord is back
        await _h.StartAsync();     // same Storage:DataDirectory
        // The stored entry is due when its back-off (at most Monitor:DeliveryRetryMax) has passed on the clock.
        await _h.RunUntilAsync(() => _h.DiscordMessages(Channel).Count >= 1, "the queued alert after the restart");
        await _h.StepAsync();      // still failing: no second alert (within RenotifyEvery)
        await _h.StepAsync();

        var alert = Assert.Single(_h.DiscordMessages(Channel));
        Assert.Equal("code: auth.invalid_key", WorkerHarness.Footer(alert));
        _h.AssertNothingLeaked();
    }
}
