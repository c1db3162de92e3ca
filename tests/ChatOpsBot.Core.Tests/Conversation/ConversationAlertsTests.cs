using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Tests.Monitor;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Monitor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary><c>/status</c> and <c>/alerts …</c> through the real conversation layer over an in-memory monitor.</summary>
public sealed class ConversationAlertsTests : IDisposable
{
    private const string Channel = "900000000000000001";
    private const string Configured = "discord:900000000000000002";
    private readonly string _teamKey = TestKeys.OpenAIProject();
    private readonly ConversationHarness _harness;
    private readonly InMemoryMonitorControl _monitor;

    public ConversationAlertsTests()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        _monitor = new InMemoryMonitorControl(time)
            .WithTarget(InMemoryMonitorControl.Target("prod-openai", ProviderId.OpenAI, TargetState.Healthy,
                InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(15), _ => false, "", TimeSpan.FromMilliseconds(180)), now, now - TimeSpan.FromDays(2)), Configured)
            .WithTarget(InMemoryMonitorControl.Target("prod-gemini", ProviderId.Gemini, TargetState.Failing,
                InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(15), at => at > now - TimeSpan.FromHours(6), "auth.invalid_key", TimeSpan.FromMilliseconds(240)), now, now - TimeSpan.FromHours(6)), Configured)
            .WithTarget(InMemoryMonitorControl.Target("new-claude", ProviderId.Anthropic, TargetState.Unknown, [], now));
        _harness = Harness(time, _monitor);
    }

    public void Dispose() => _harness.Dispose();

    private ConversationHarness Harness(Microsoft.Extensions.Time.Testing.FakeTimeProvider? time, IMonitorControl? monitor) => new(
        new Dictionary<string, string?>
        {
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "openai",
            ["TeamKeys:0:KeyEnv"] = "PROD_OPENAI_KEY",
            ["Access:Discord:RoleIds:0"] = "111",
            ["Access:Telegram:UserIds:0"] = "42",
        },
        new Dictionary<string, string> { ["PROD_OPENAI_KEY"] = _teamKey },
        time,
        services =>
        {
            if (monitor is not null)
            {
                services.AddSingleton(monitor);
            }
        });

    private static IncomingMessage InChannel(string text, params string[] roles) => new()
    {
        User = new ChatUser(ChatPlatform.Discord, "u1", roles),
        IsPrivate = false,
        Text = text,
        MessageId = "m1",
        Place = new ChatPlace(Channel, "777"),
    };

    private static IncomingMessage TeamInChannel(string text) => InChannel(text, "111");

    [Fact]
    public async Task Status_NoMonitorRegistered_SaysTheMonitorRunsInTheWorkerAndNamesTheTeamKeys()
    {
        using var harness = Harness(null, null);

        var sink = await harness.SendAsync(TeamInChannel("/status"));

        var reply = Assert.Single(sink.Replies);
        Assert.StartsWith("The monitor does not run here: it runs in the worker", reply.Text, StringComparison.Ordinal);
        Assert.Contains("1 team key is configured: prod", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Image);
        sink.AssertNoLeak(_teamKey);
    }

    [Fact]
    public async Task Alerts_MonitorDisabled_SaysMonitoringIsOff()
    {
        _monitor.IsEnabled = false;

        var sink = await _harness.SendAsync(TeamInChannel("/alerts subscribe"));

        Assert.StartsWith("Monitoring is off", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_monitor.Calls);
    }

    [Fact]
    public async Task Status_TeamMember_SeesEveryTargetFailingFirstWithCodeHistoryAndChart()
    {
        var sink = await _harness.SendAsync(TeamInChannel("/status"));

        var reply = Assert.Single(sink.Replies);
        Assert.Equal(ReplyVisibility.Public, reply.Visibility);
        var lines = reply.Text.Split('\n');
        Assert.Equal("Monitoring 3 targets: ❌ 1 failing · ⬜ 1 not checked yet · ✅ 1 healthy.", lines[0]);
        Assert.StartsWith("❌ prod-gemini · gemini · code: auth.invalid_key — The key was rejected · failing since 06:00 UTC (6 h)", lines[1], StringComparison.Ordinal);
        Assert.Contains("· last check 12:00 UTC (just now) · 24 h: 75% of 96 · median 270 ms", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("⬜ new-claude · anthropic · not checked yet", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("✅ prod-openai · openai · code: ok · healthy since Nov 25 12:00 UTC (2 d)", lines[3], StringComparison.Ordinal);
        Assert.Contains("24 h: 100% of 96 · median 210 ms", lines[3], StringComparison.Ordinal);
        Assert.NotNull(reply.Image);
        Assert.Equal((640, 240), PngFacts.Header(reply.Image.Png.Span));
        Assert.Contains("prod-gemini 75%", reply.Image.AltText, StringComparison.Ordinal);
        sink.AssertNoLeak(_teamKey);
    }

    [Fact]
    public async Task Status_Outsider_SeesCountsButNoNamesAndNoChart()
    {
        var sink = await _harness.SendAsync(InChannel("/status"));

        var reply = Assert.Single(sink.Replies);
        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("Monitoring 3 targets: ❌ 1 failing", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Access:Discord:RoleIds", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("prod-gemini", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Image);
    }

    [Fact]
    public async Task Alerts_Outsider_IsRefusedAndNothingChanges()
    {
        foreach (var text in new[] { "/alerts subscribe", "/alerts mute prod-gemini 2h", "/alerts test", "/alerts list" })
        {
            var sink = await _harness.SendAsync(InChannel(text, "222"));

            Assert.Equal(ReplyKind.Refusal, sink.Last.Kind);
            Assert.Contains("Alerts are for the team", sink.Last.Text, StringComparison.Ordinal);
        }

        Assert.Empty(_monitor.Calls);
    }

    [Fact]
    public async Task Alerts_SubscribeTwiceThenUnsubscribeTwice_SaysWhatHappenedEachTime()
    {
        var first = await _harness.SendAsync(TeamInChannel("/alerts subscribe"));
        var second = await _harness.SendAsync(TeamInChannel("/alerts subscribe"));
        var list = await _harness.SendAsync(TeamInChannel("/alerts list"));
        var removed = await _harness.SendAsync(TeamInChannel("/alerts unsubscribe"));
        var again = await _harness.SendAsync(TeamInChannel("/alerts unsubscribe"));

        Assert.StartsWith("✅ Alerts for every monitored target will come here", first.Last.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyVisibility.Public, first.Last.Visibility);
        Assert.StartsWith("Alerts already come here", second.Last.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyVisibility.Private, second.Last.Visibility);
        Assert.Contains($"✅ discord:{Channel} (here) — subscribed — all targets", list.Last.Text, StringComparison.Ordinal);
        Assert.Contains($"✅ {Configured} — configured — prod-openai, prod-gemini", list.Last.Text, StringComparison.Ordinal);
        Assert.StartsWith("🔕 Alerts will no longer come here", removed.Last.Text, StringComparison.Ordinal);
        Assert.StartsWith("This place is not subscribed", again.Last.Text, StringComparison.Ordinal);
        Assert.Equal([("subscribe", $"discord:{Channel}", "Discord:u1"), ("unsubscribe", $"discord:{Channel}", null)], _monitor.Calls);
    }

    [Fact]
    public async Task Alerts_UnsubscribeAConfiguredPlace_SaysTheConfigurationOwnsIt()
    {
        var message = TeamInChannel("/alerts unsubscribe") with { Place = new ChatPlace(Configured["discord:".Length..], "777") };

        var sink = await _harness.SendAsync(message);

        Assert.Contains("the configuration says so (Monitor:Targets:N:Destinations)", sink.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_monitor.Calls);
    }

    [Fact]
    public async Task Alerts_MuteThenStatusThenUnmute_TheMuteShowsAndEnds()
    {
        var muted = await _harness.SendAsync(TeamInChannel("/alerts mute prod-gemini 2h"));
        var status = await _harness.SendAsync(TeamInChannel("/status"));
        var unmuted = await _harness.SendAsync(TeamInChannel("/alerts unmute PROD-GEMINI"));
        var after = await _harness.SendAsync(TeamInChannel("/status"));

        Assert.Equal("🔕 Alerts for prod-gemini are muted until 14:00 UTC (2 h). Checks go on and /status still shows its state. Undo with /alerts unmute prod-gemini.", muted.Last.Text);
        Assert.Equal(ReplyVisibility.Public, muted.Last.Visibility);
        Assert.Contains("· 🔕 muted until 14:00 UTC", status.Last.Text.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal("🔔 Alerts for PROD-GEMINI are on again.", unmuted.Last.Text);
        Assert.DoesNotContain("muted", after.Last.Text, StringComparison.Ordinal);
        Assert.Equal([("mute", "prod-gemini", "Discord:u1"), ("unmute", "prod-gemini", "Discord:u1")], _monitor.Calls);
    }

    [Fact]
    public async Task Alerts_MuteUnknownTarget_ListsTheTargets()
    {
        var sink = await _harness.SendAsync(TeamInChannel("/alerts mute prod-cohere 1h"));

        Assert.Equal("No monitored target is called \"prod-cohere\". Targets: prod-openai, prod-gemini, new-claude.", sink.Last.Text);
        Assert.Empty(_monitor.Calls);
    }

    [Fact]
    public async Task Alerts_BadDurationOrUnknownSubcommand_GetsTheAlertsHelp()
    {
        var duration = await _harness.SendAsync(TeamInChannel("/alerts mute prod-gemini 10d"));
        var unknown = await _harness.SendAsync(TeamInChannel("/alerts snooze"));

        Assert.Equal(ReplyKind.Help, duration.Last.Kind);
        Assert.StartsWith("A mute lasts at most 7 days.", duration.Last.Text, StringComparison.Ordinal);
        Assert.Contains("/alerts mute <target> <duration>", duration.Last.Text, StringComparison.Ordinal);
        Assert.StartsWith("/alerts has no \"snooze\".", unknown.Last.Text, StringComparison.Ordinal);
        Assert.Contains("/alerts subscribe", unknown.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_monitor.Calls);
    }

    [Fact]
    public async Task Alerts_OnTheConsole_ListWorksButSubscribeSaysThereIsNoPlace()
    {
        var subscribe = await _harness.SendAsync(new IncomingMessage { User = ChatUser.Operator, IsPrivate = true, Text = "alerts subscribe" });
        var list = await _harness.SendAsync(new IncomingMessage { User = ChatUser.Operator, IsPrivate = true, Text = "alerts list" });

        Assert.StartsWith("/alerts subscribe works on the channel or chat where you type it, and here there is none.", subscribe.Last.Text, StringComparison.Ordinal);
        Assert.StartsWith("Alert destinations:", list.Last.Text, StringComparison.Ordinal);
        Assert.Empty(_monitor.Calls);
    }

    [Fact]
    public async Task Alerts_TestThenList_TheTestWaitsAndABlockedPlaceSaysWhatToGrant()
    {
        var telegram = new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Telegram, "42", []),
            IsPrivate = false,
            Text = "/alerts@MyBot test",
            BotUsername = "MyBot",
            Place = new ChatPlace("-1001234567890"),
        };

        var test = await _harness.SendAsync(telegram);
        _monitor.Block(Configured, "Discord answered 403 Missing Access: the bot cannot see or post in that channel.");
        var list = await _harness.SendAsync(telegram with { Text = "/alerts list" });

        Assert.StartsWith("🧪 A test alert is on its way here", test.Last.Text, StringComparison.Ordinal);
        Assert.Equal([("test", "telegram:-1001234567890", "Telegram:42")], _monitor.Calls);
        var text = list.Last.Text;
        Assert.StartsWith("⚠️ 1 of 2 alert destinations cannot get alerts right now", text, StringComparison.Ordinal);
        Assert.Contains($"🚫 {Configured} — configured", text, StringComparison.Ordinal);
        Assert.Contains("NOT DELIVERED: Discord answered 403 Missing Access", text, StringComparison.Ordinal);
        Assert.Contains("Fix: in that channel's settings (Permissions), allow the bot View Channel, Send Messages, Embed Links and Attach Files", text, StringComparison.Ordinal);
        Assert.Contains("✅ telegram:-1001234567890 (here) — subscribed — no targets — 1 alert waiting", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("🚫", StringComparison.Ordinal) < text.IndexOf('✅')); // the problem first
    }

    [Fact]
    public async Task Alerts_ListWithNoDestinations_SaysAlertsHaveNowhereToGo()
    {
        using var harness = Harness(null, new InMemoryMonitorControl(TimeProvider.System).WithTarget(
            InMemoryMonitorControl.Target("solo", ProviderId.OpenAI, TargetState.Unknown, [], DateTimeOffset.UnixEpoch)));

        var sink = await harness.SendAsync(TeamInChannel("/alerts"));

        Assert.StartsWith("No alert destinations yet: alerts have nowhere to go. Type /alerts subscribe", sink.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_MonitorThrows_UserGetsAnAnswerAndTheLogTheException()
    {
        _monitor.Failure = new InvalidOperationException("database is locked");

        var status = await _harness.SendAsync(TeamInChannel("/status"));
        var subscribe = await _harness.SendAsync(TeamInChannel("/alerts subscribe"));

        Assert.StartsWith("The monitor did not answer just now.", status.Last.Text, StringComparison.Ordinal);
        Assert.StartsWith("The monitor did not answer just now.", subscribe.Last.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("database", subscribe.Last.Text, StringComparison.Ordinal);
        Assert.Equal(2, _harness.Logs.Count(r => r.Level == LogLevel.Error && r.Exception is InvalidOperationException));
    }

    [Fact]
    public async Task Alerts_InAChannelWithoutSlash_IsChatterNotACommand()
    {
        var sink = await _harness.SendAsync(TeamInChannel("alerts are noisy today"));

        Assert.Empty(sink.Replies);
    }

    [Fact]
    public async Task Alerts_StructuredSubscribe_FromDiscord_UsesThePlace()
    {
        var message = TeamInChannel("") with { Text = null, CommandName = CommandIds.Alerts, Options = new Dictionary<string, string> { [CommandIds.ActionOption] = "subscribe" } };

        var sink = await _harness.SendAsync(message);

        Assert.StartsWith("✅", sink.Last.Text, StringComparison.Ordinal);
        Assert.Equal([("subscribe", $"discord:{Channel}", "Discord:u1")], _monitor.Calls);
    }

    [Fact]
    public async Task Help_ListsTheAlertsCommands()
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm("/help"));

        Assert.Contains("/alerts mute <target> <duration>", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("/alerts list | subscribe | unsubscribe | test", sink.Last.Text, StringComparison.Ordinal);
    }
}
