using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing.Monitor;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Telegram.Tests.Adapter;

/// <summary><c>/alerts …</c> and <c>/status</c> typed in a Telegram group, through the real poller and adapter.</summary>
public sealed class TelegramAlertsTests
{
    private const long Group = -4002;
    private const long Outsider = 7;

    private static async Task<(AdapterHarness Bot, InMemoryMonitorControl Monitor)> StartAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var monitor = new InMemoryMonitorControl(TimeProvider.System)
            .WithTarget(InMemoryMonitorControl.Target("prod-claude", ProviderId.Anthropic, TargetState.Failing,
                InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(20), at => at > now - TimeSpan.FromHours(2), "auth.invalid_key", TimeSpan.FromMilliseconds(300)), now, now - TimeSpan.FromHours(2)))
            .WithTarget(InMemoryMonitorControl.Target("prod-openai", ProviderId.OpenAI, TargetState.Healthy,
                InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(20), _ => false, "", TimeSpan.FromMilliseconds(120)), now));
        var bot = await AdapterHarness.StartAsync(services: s => s.AddSingleton<IMonitorControl>(monitor));
        return (bot, monitor);
    }

    [Fact]
    public async Task Mute_typed_in_a_group_by_a_team_member_mutes_the_target_and_says_so_in_the_group()
    {
        var (bot, monitor) = await StartAsync();
        await using var _bot = bot;

        bot.Server.EnqueueGroupMessage(Group, AdapterHarness.TeamUserId, $"/alerts@{FakeTelegramServer.BotUsername} mute prod-claude 2h");

        await bot.TextAsync("sendMessage", Group, "🔕 Alerts for prod-claude are muted until");
        var shown = Assert.Single(bot.Server.MessagesIn(Group)).Text;
        Assert.Contains("(2 h). Checks go on", shown, StringComparison.Ordinal);
        Assert.Equal(("mute", "prod-claude", "Telegram:42"), Assert.Single(monitor.Calls));
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task Status_in_a_group_lists_every_target_failing_first_with_its_code()
    {
        var (bot, _) = await StartAsync();
        await using var _bot = bot;

        bot.Server.EnqueueGroupMessage(Group, AdapterHarness.TeamUserId, "/status");

        await bot.TextAsync("sendMessage", Group, "Monitoring 2 targets");
        var lines = Assert.Single(bot.Server.MessagesIn(Group)).Text.Split('\n');
        Assert.Equal("Monitoring 2 targets: ❌ 1 failing · ✅ 1 healthy.", lines[0]);
        Assert.StartsWith("❌ prod-claude · anthropic · code: auth.invalid_key — The key was rejected · failing since", lines[1], StringComparison.Ordinal);
        Assert.Contains("24 h: 91.6% of 72", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("✅ prod-openai · openai · code: ok", lines[2], StringComparison.Ordinal);
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task Subscribe_in_a_group_subscribes_that_chat_and_an_outsider_is_refused()
    {
        var (bot, monitor) = await StartAsync();
        await using var _bot = bot;

        bot.Server.EnqueueGroupMessage(Group, Outsider, "/alerts subscribe");
        await bot.TextAsync("sendMessage", Group, "Alerts are for the team");
        bot.Server.EnqueueGroupMessage(Group, AdapterHarness.TeamUserId, "/alerts subscribe");
        await bot.TextAsync("sendMessage", Group, "✅ Alerts for every monitored target will come here");

        Assert.Equal(("subscribe", $"telegram:{Group}", "Telegram:42"), Assert.Single(monitor.Calls));
        Assert.Contains("Access:Telegram:UserIds", bot.Server.MessagesIn(Group)[0].Text, StringComparison.Ordinal);
        bot.AssertNothingLeaked();
    }
}
