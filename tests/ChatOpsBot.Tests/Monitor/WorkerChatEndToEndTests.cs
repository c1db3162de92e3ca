using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.Logging;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Tests.Monitor;

/// <summary>
/// Issue 6 end to end, driven from the chats: the real worker answers <c>/alerts</c> and <c>/status</c> sent through the
/// fake Discord gateway and the fake Telegram poller, and its alerts reach (or are held back from) the fakes.
/// </summary>
public sealed class WorkerChatEndToEndTests : IAsyncLifetime
{
    private const ulong Channel = 880_000_000_000_000_001;
    private const long Group = -1_001_234_567_890;
    private const int Ephemeral = 64;
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

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A slash command from a team member in <see cref="Channel"/>; <paramref name="sub"/> makes it <c>/name sub</c>.</summary>
    private JsonObject Slash(string name, string? sub = null)
    {
        JsonArray options = sub is null ? [] : [new JsonObject { ["type"] = 1, ["name"] = sub, ["options"] = new JsonArray() }];
        var payload = _h.Discord.SlashCommand(name, options, guildId: WorkerHarness.Guild, channelId: Channel);
        payload["member"]!["roles"] = new JsonArray(WorkerHarness.TeamRole);
        return payload;
    }

    private async Task<FakeInteraction> AskAsync(JsonObject payload)
    {
        var interaction = await _h.Discord.InjectInteractionAsync(payload);
        await _h.Discord.WaitUntilAsync(() => interaction.Edits.Count > 0, "the answer", TimeSpan.FromSeconds(20));
        return interaction;
    }

    private static string Content(FakeInteraction interaction) => (string?)interaction.Original!["content"] ?? "";

    [Fact]
    public async Task AChannelTheBotCannotPostIn_LogsOneErrorWhatToGrant_ListShowsIt_AndOnceAllowedTheAlertArrivesOnce()
    {
        _h.Target("prod", "PROD_KEY", "discord:" + Id(Channel));
        // Checks every 10 min: the dispatcher's 30 s retries below come long before the next check.
        _h.Settings["Monitor:Targets:0:Interval"] = "00:10:00";
        _h.Discord.DenyChannel(Channel); // 403 50013 Missing Permissions
        await _h.StartAsync();
        _h.Environment["PROD_KEY"] = _h.BadKey;
        await _h.AdvanceAsync(TimeSpan.FromMinutes(11));
        await _h.AdvanceAsync(TimeSpan.FromMinutes(11)); // alert queued; Discord refuses it
        var route = $"/channels/{Id(Channel)}/messages";
        Assert.Single(_h.Discord.Calls, c => c.Path == route && c.Status == 403); // the refused post
        var retry = await _h.DispatcherTimerAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), retry); // Monitor:BlockedRetryEvery, not the short back-off
        Assert.Empty(_h.DiscordMessages(Channel));

        var errors = _h.Logs.Where(l => l.Level >= LogLevel.Error).ToList();
        var error = Assert.Single(errors, l => l.Is<OutboxDispatcher>(3) && l.Value("Destination")?.Contains(Id(Channel), StringComparison.Ordinal) == true); // Blocked
        Assert.Contains("Send Messages", error.Value("Problem"), StringComparison.Ordinal); // what to fix, in the problem it names
        Assert.Contains("Embed Links", error.Value("Problem"), StringComparison.Ordinal);

        // /alerts list, as Discord delivers it, shows the destination and what is wrong with it.
        var list = await AskAsync(Slash("alerts", "list"));
        Assert.Equal(Ephemeral, (int)list.CallbackData!["flags"]!);
        var text = Content(list);
        Assert.True(text.Contains("🚫 discord:Discord channel " + Id(Channel), StringComparison.Ordinal), text);
        Assert.Contains("1 alert waiting", text, StringComparison.Ordinal);
        Assert.Contains("Missing Permissions", text, StringComparison.Ordinal);
        Assert.Contains("Send Messages", text, StringComparison.Ordinal);

        // Still blocked at the next try (one more refusal, no new error line); then the permission is granted.
        await _h.AdvanceAsync(TimeSpan.FromSeconds(31));
        Assert.Equal(2, _h.Discord.Calls.Count(c => c.Path == route && c.Status == 403)); // the second refused post
        Assert.True(_h.Logs.Count(l => l.Level >= LogLevel.Error) == 1, _h.LogText);

        _h.Discord.AllowChannel(Channel);
        await _h.AdvanceAsync(TimeSpan.FromSeconds(31));
        await _h.DiscordMessagesAsync(Channel, 1);
        await _h.DispatcherIdleAsync(); // waiting without a timer: nothing is left in the outbox to (re)send
        var alert = Assert.Single(_h.DiscordMessages(Channel));
        Assert.Equal("code: auth.invalid_key", WorkerHarness.Footer(alert));
        Assert.Contains(_h.Logs, l => l.Is<OutboxDispatcher>(4)); // Working: alerts get through again
        _h.AssertNothingLeaked();
    }

    [Fact]
    public async Task SubscribeTypedInATelegramGroup_BringsTheAlertThere_AndAlertsTestInADiscordChannel_PostsATestAlert()
    {
        _h.Target("prod", "PROD_KEY"); // no configured destination: the chats subscribe themselves
        await _h.StartAsync();

        _h.Telegram.EnqueueGroupMessage(Group, WorkerHarness.TelegramTeamUser, $"/alerts@{FakeTelegramServer.BotUsername} subscribe", "supergroup");
        await _h.TelegramMessagesAsync(Group, 1);
        Assert.StartsWith("✅ Alerts for every monitored target will come here", _h.Telegram.MessagesIn(Group)[0].Text, StringComparison.Ordinal);

        // /alerts test in a Discord channel: the answer says it is queued; the test alert comes through the outbox.
        var test = await AskAsync(Slash("alerts", "test"));
        await _h.DiscordMessagesAsync(Channel, 1);
        Assert.StartsWith("🧪 A test alert is on its way here", Content(test), StringComparison.Ordinal);
        var testAlert = Assert.Single(_h.DiscordMessages(Channel));
        Assert.Equal("code: ok", WorkerHarness.Footer(testAlert));
        Assert.Equal(ChatOpsBot.Discord.Adapter.DiscordReplyRenderer.OkColor, WorkerHarness.Colour(testAlert)); // "Nothing is broken" is not red
        Assert.Contains("Test alert from ChatOpsBot", WorkerHarness.CodeEmbed(testAlert).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        // The fake has the message a moment before the bot hears back and logs it.
        await _h.Services.GetFakeLogCollector().WaitForAsync(l => l.Is<ChatOpsBot.Discord.Alerts.DiscordChannelAlertDestination>(1) && l.Value("ChannelId") == Id(Channel), // Delivered
            "the channel destination's Delivered", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        _h.Environment["PROD_KEY"] = _h.BadKey;
        await _h.StepAsync();
        await _h.StepAsync();
        await _h.TelegramMessagesAsync(Group, 2);
        await _h.DispatcherIdleAsync();
        var alert = _h.Telegram.MessagesIn(Group)[1];
        Assert.Contains("auth.invalid_key", alert.Text, StringComparison.Ordinal);
        Assert.Contains("prod", alert.Text, StringComparison.Ordinal);
        Assert.Equal(2, _h.Telegram.MessagesIn(Group).Count);
        Assert.Single(_h.DiscordMessages(Channel)); // the Discord channel asked for a test, not a subscription
        _h.AssertNothingLeaked();
    }

    [Fact]
    public async Task StatusInADiscordChannel_NamesTheTargetWithItsAvailability_AndUploadsAChartTheEmbedShows()
    {
        _h.Target("prod", "PROD_KEY", "discord:" + Id(Channel));
        await _h.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await _h.StepAsync();
        }

        var status = await AskAsync(Slash("status"));
        var text = Content(status);
        Assert.StartsWith("Monitoring 1 target", text, StringComparison.Ordinal);
        Assert.Contains("✅ prod · openai · code: ok", text, StringComparison.Ordinal);
        Assert.Contains("100% of 3", text, StringComparison.Ordinal);

        // The fake records the call just after it updates the interaction: wait for the multipart edit itself.
        bool IsChartEdit(FakeDiscordCall c) => c.Method == "PATCH" && c.Path.Contains(status.Token, StringComparison.Ordinal) && c.Files is { Count: > 0 };
        await _h.Discord.WaitUntilAsync(() => _h.Discord.Calls.Any(IsChartEdit), "the edit with the chart", TimeSpan.FromSeconds(20));
        var edit = Assert.Single(_h.Discord.Calls, IsChartEdit);
        var upload = Assert.Single(edit.Files!);
        Assert.True(upload.Content.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG");
        Assert.Equal("image/png", upload.ContentType);
        var sent = edit.Json!.AsObject();
        var image = sent["embeds"]!.AsArray().OfType<JsonObject>().Select(e => (string?)e["image"]?["url"]).Single(u => u is not null);
        Assert.Equal("attachment://" + upload.FileName, image);
        Assert.Contains(sent["attachments"]!.AsArray(), a => (string?)a!["filename"] == upload.FileName);
        // Discord keeps the file with the message and serves it from its CDN.
        Assert.Contains(status.Original!["attachments"]!.AsArray(), a => (string?)a!["filename"] == upload.FileName);
        _h.AssertNothingLeaked();
    }
}
