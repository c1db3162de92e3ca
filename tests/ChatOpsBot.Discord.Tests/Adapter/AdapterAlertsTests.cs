using System.Text.Json.Nodes;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Monitor;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary><c>/alerts</c> and <c>/status</c> as Discord delivers them (subcommand interactions) through the real adapter.</summary>
public sealed class AdapterAlertsTests
{
    private const ulong Channel = 880_000_000_000_000_001;
    private const int Ephemeral = 64;

    private static async Task<(AdapterHarness Harness, InMemoryMonitorControl Monitor)> StartAsync()
    {
        InMemoryMonitorControl? monitor = null;
        var h = await AdapterHarness.StartAsync(services: s => s.AddSingleton<IMonitorControl>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var now = time.GetUtcNow();
            monitor = new InMemoryMonitorControl(time)
                .WithTarget(InMemoryMonitorControl.Target("prod-gemini", ProviderId.Gemini, TargetState.Failing,
                    InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(30), at => at > now - TimeSpan.FromHours(3), "auth.invalid_key", TimeSpan.FromMilliseconds(250)), now, now - TimeSpan.FromHours(3)))
                .WithTarget(InMemoryMonitorControl.Target("prod-openai", ProviderId.OpenAI, TargetState.Healthy,
                    InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(30), _ => false, "", TimeSpan.FromMilliseconds(150)), now));
            return monitor;
        }));
        _ = h.Host.Services.GetRequiredService<IMonitorControl>();
        return (h, monitor!);
    }

    /// <summary><c>/alerts &lt;sub&gt; [options]</c> as Discord sends it: one type 1 option holding the subcommand's options.</summary>
    private static JsonObject Alerts(AdapterHarness h, string sub, ulong? guild, params (string Name, string Value)[] options) => AdapterHarness.WithRoles(
        h.Fake.SlashCommand("alerts", new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["name"] = sub,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["type"] = 3, ["name"] = o.Name, ["value"] = o.Value })]),
        }), guildId: guild, channelId: guild is null ? null : Channel),
        AdapterHarness.TeamRole);

    private static async Task<string> AnswerAsync(AdapterHarness h, FakeInteraction interaction)
    {
        await h.Fake.WaitUntilAsync(() => interaction.Edits.Count > 0, "the answer", TimeSpan.FromSeconds(20));
        return (string?)interaction.Original!["content"] ?? "";
    }

    [Fact]
    public async Task Registration_AlertsHasSixSubcommandsTheFakeAccepts()
    {
        var (h, _) = await StartAsync();
        await using var _h = h;

        var alerts = h.Fake.Commands["global"].Single(c => (string?)c!["name"] == "alerts")!;
        var subs = alerts["options"]!.AsArray();
        Assert.Equal(["list", "subscribe", "unsubscribe", "mute", "unmute", "test"], subs.Select(o => (string)o!["name"]!));
        Assert.All(subs, o => Assert.Equal(1, (int)o!["type"]!));
        var mute = subs.Single(o => (string?)o!["name"] == "mute")!["options"]!.AsArray();
        Assert.Equal(["target", "duration"], mute.Select(o => (string)o!["name"]!));
        Assert.All(mute, o => Assert.True((bool)o!["required"]!));
        Assert.True((bool)mute[0]!["autocomplete"]!);
        Assert.Null(alerts["default_member_permissions"]);
        Assert.All(DiscordCommands.Build(guildScoped: false), c => Assert.True(((string)c!["description"]!).Length <= 100));
    }

    [Theory]
    [InlineData("Mute", "0.options.0.options.0.name")]                  // not lowercase
    [InlineData("required-last", "0.options.0.options.1.required")]     // a required option after an optional one
    [InlineData("mixed", "0.options")]                                  // a subcommand beside a value option
    public async Task TheFakeRefusesBadOptionsAsDiscordDoes(string flaw, string field)
    {
        await using var h = await AdapterHarness.StartAsync();
        var value = new JsonObject { ["type"] = 3, ["name"] = flaw == "Mute" ? "Mute" : "a", ["description"] = "d", ["required"] = flaw != "required-last" };
        var second = new JsonObject { ["type"] = 3, ["name"] = "b", ["description"] = "d", ["required"] = true };
        JsonArray options = flaw == "mixed"
            ? [new JsonObject { ["type"] = 1, ["name"] = "x", ["description"] = "d" }, value]
            : [new JsonObject { ["type"] = 1, ["name"] = "x", ["description"] = "d", ["options"] = new JsonArray(value, second) }];
        var command = new JsonArray(new JsonObject { ["name"] = "bad", ["type"] = 1, ["description"] = "d", ["options"] = options });
        var rest = h.Host.Services.GetRequiredService<ChatOpsBot.Discord.Rest.DiscordRestClient>();

        var error = await Assert.ThrowsAsync<ChatOpsBot.Discord.Rest.DiscordApiException>(() => rest.BulkOverwriteGlobalCommandsAsync(h.Fake.Options.ApplicationId, command, TestContext.Current.CancellationToken));

        Assert.Equal(50035, error.Code);
        Assert.Contains(h.Fake.Calls, c => c.Method == "PUT" && c.Status == 400 && c.ResponseBody.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribe_InAChannel_IsAnsweredPubliclyAndSubscribesThatChannel()
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;

        var interaction = await h.Fake.InjectInteractionAsync(Alerts(h, "subscribe", AdapterHarness.Guild));
        var text = await AnswerAsync(h, interaction);

        Assert.Equal([5], interaction.Callbacks);
        Assert.Null(interaction.CallbackData?["flags"]); // public: the channel sees it is subscribed
        Assert.StartsWith("✅ Alerts for every monitored target will come here", text, StringComparison.Ordinal);
        var call = Assert.Single(monitor.Calls);
        Assert.Equal(("subscribe", $"discord:{Channel}", "Discord:4242"), call);
        Assert.Empty(interaction.Followups); // the bot may post here: no warning
        h.AssertNothingLeaked();
        h.AssertEveryMessageSafe();
    }

    [Fact]
    public async Task Subscribe_WhereTheBotCannotPost_WarnsPrivatelyWhatToGrant()
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;
        var payload = Alerts(h, "subscribe", AdapterHarness.Guild);
        payload["app_permissions"] = (1UL << 10 | 1UL << 31).ToString(System.Globalization.CultureInfo.InvariantCulture); // View Channel only

        var interaction = await h.Fake.InjectInteractionAsync(payload);
        await h.Fake.WaitUntilAsync(() => interaction.Followups.Count > 0, "the warning", TimeSpan.FromSeconds(20));

        Assert.StartsWith("✅", (string?)interaction.Original!["content"], StringComparison.Ordinal);
        var warning = Assert.Single(interaction.Followups);
        Assert.Equal(Ephemeral, (int)warning["flags"]!);
        Assert.StartsWith("⚠️ Alerts cannot arrive in this channel yet: I lack Send Messages, Embed Links here.", (string?)warning["content"], StringComparison.Ordinal);
        Assert.Single(monitor.Calls);
        h.AssertEveryMessageSafe();
    }

    [Theory]
    [InlineData(0UL, 0, "View Channel,Send Messages,Embed Links")]
    [InlineData(8UL, 0, "")]                                                // Administrator
    [InlineData((1UL << 10) | (1UL << 11) | (1UL << 14), 0, "")]
    [InlineData((1UL << 10) | (1UL << 11) | (1UL << 14), 11, "Send Messages in Threads")]
    public void MissingForAlerts_NamesWhatToGrant(ulong granted, int channelType, string missing)
    {
        Assert.Equal(missing, string.Join(",", DiscordAdapterService.MissingForAlerts(granted, channelType)));
    }

    [Theory]
    [InlineData("openai", AdapterHarness.TeamRole, "prod-openai")]
    [InlineData("prod", AdapterHarness.TeamRole, "prod-gemini,prod-openai")]
    [InlineData("gem", "999", "")]                                      // outsiders get no target names
    public async Task MuteTarget_Autocomplete_SuggestsTargetsToTheTeamOnly(string typed, string role, string expected)
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;
        var payload = AdapterHarness.WithRoles(Alerts(h, "mute", AdapterHarness.Guild, ("target", typed)), role);
        payload["type"] = 4;
        payload["data"]!["options"]![0]!["options"]![0]!["focused"] = true;

        var interaction = await h.Fake.InjectInteractionAsync(payload);
        await h.Fake.WaitUntilAsync(() => interaction.Callbacks.Count > 0, "the suggestions", TimeSpan.FromSeconds(20));

        Assert.Equal([8], interaction.Callbacks);
        var choices = interaction.CallbackData!["choices"]!.AsArray();
        Assert.Equal(expected, string.Join(",", choices.Select(c => (string)c!["value"]!)));
        Assert.Empty(monitor.Calls);
    }

    [Fact]
    public async Task Mute_WithOptions_IsPublicAndMutesTheTarget()
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;

        var interaction = await h.Fake.InjectInteractionAsync(Alerts(h, "mute", AdapterHarness.Guild, ("target", "prod-gemini"), ("duration", "1h30m")));
        var text = await AnswerAsync(h, interaction);

        Assert.Null(interaction.CallbackData?["flags"]);
        Assert.StartsWith("🔕 Alerts for prod-gemini are muted until", text, StringComparison.Ordinal);
        Assert.Contains("(1 h 30 min)", text, StringComparison.Ordinal);
        Assert.Equal(("mute", "prod-gemini", "Discord:4242"), Assert.Single(monitor.Calls));
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task Mute_WithABadDuration_IsAPrivateHelp()
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;

        var interaction = await h.Fake.InjectInteractionAsync(Alerts(h, "mute", AdapterHarness.Guild, ("target", "prod-gemini"), ("duration", "2 weeks")));
        var text = await AnswerAsync(h, interaction);

        Assert.Equal(Ephemeral, (int)interaction.CallbackData!["flags"]!);
        Assert.StartsWith("I cannot read \"2 weeks\" as a duration.", text, StringComparison.Ordinal);
        Assert.Empty(monitor.Calls);
    }

    [Fact]
    public async Task Unmute_WithAKeyAsTarget_IsAnsweredPrivatelyAndTheKeyGoesNowhere()
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;
        var key = ChatOpsBot.Testing.TestKeys.OpenAIProject();

        var interaction = await h.Fake.InjectInteractionAsync(Alerts(h, "unmute", AdapterHarness.Guild, ("target", key)));
        await AnswerAsync(h, interaction);

        Assert.Equal(Ephemeral, (int)interaction.CallbackData!["flags"]!); // the invocation, key and all, stays private
        Assert.Empty(monitor.Calls);
        h.AssertNothingLeaked(key);
    }

    [Fact]
    public async Task Subscribe_ByAnOutsider_IsAPrivateRefusal()
    {
        var (h, monitor) = await StartAsync();
        await using var _h = h;

        var interaction = await h.Fake.InjectInteractionAsync(AdapterHarness.WithRoles(Alerts(h, "subscribe", AdapterHarness.Guild), "999"));
        var text = await AnswerAsync(h, interaction);

        Assert.Equal(Ephemeral, (int)interaction.CallbackData!["flags"]!);
        Assert.Contains("Alerts are for the team", text, StringComparison.Ordinal);
        Assert.Contains("Access:Discord:RoleIds", text, StringComparison.Ordinal);
        Assert.Empty(monitor.Calls);
    }

    [Fact]
    public async Task List_IsPrivateAndMarksThisChannel()
    {
        var (h, _) = await StartAsync();
        await using var _h = h;
        await AnswerAsync(h, await h.Fake.InjectInteractionAsync(Alerts(h, "subscribe", AdapterHarness.Guild)));

        var interaction = await h.Fake.InjectInteractionAsync(Alerts(h, "list", AdapterHarness.Guild));
        var text = await AnswerAsync(h, interaction);

        Assert.Equal(Ephemeral, (int)interaction.CallbackData!["flags"]!);
        Assert.Contains($"✅ discord:{Channel} (here) — subscribed — all targets", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InAChannel_IsPublicWithEveryTargetFailingFirst()
    {
        var (h, _) = await StartAsync();
        await using var _h = h;

        var interaction = await h.Fake.InjectInteractionAsync(h.Slash("status", AdapterHarness.Guild));
        var text = await AnswerAsync(h, interaction);

        Assert.Null(interaction.CallbackData?["flags"]);
        var lines = text.Split('\n');
        Assert.Equal("Monitoring 2 targets: ❌ 1 failing · ✅ 1 healthy.", lines[0]);
        Assert.StartsWith("❌ prod-gemini · gemini · code: auth.invalid_key", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("✅ prod-openai · openai · code: ok", lines[2], StringComparison.Ordinal);
        h.AssertNothingLeaked();
        h.AssertEveryMessageSafe();
    }

    [Fact]
    public async Task Status_WithoutAMonitor_SaysTheMonitorDoesNotRunHere()
    {
        await using var h = await AdapterHarness.StartAsync();

        var interaction = await h.Fake.InjectInteractionAsync(h.Slash("status", AdapterHarness.Guild));
        var text = await AnswerAsync(h, interaction);

        Assert.StartsWith("The monitor does not run here", text, StringComparison.Ordinal);
    }
}
