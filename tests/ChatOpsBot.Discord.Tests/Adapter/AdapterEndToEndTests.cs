using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Adapter;
using Microsoft.Extensions.Hosting;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// The adapter end to end: the hosted services started through DI against the fake Discord and a fake Gemini. Every
/// test ends by checking every body the bot sent (and every log line) for the keys and the bot token.
/// </summary>
public sealed class AdapterEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_RegistersTheCommandsWithOneGlobalBulkOverwrite()
    {
        await using var h = await AdapterHarness.StartAsync();

        var put = Assert.Single(h.Fake.Calls, c => c.Method == "PUT");
        Assert.EndsWith($"/applications/{h.Fake.Options.ApplicationId}/commands", put.Path, StringComparison.Ordinal);
        var commands = h.Fake.Commands["global"];
        Assert.Equal(["diagnose", "status", "help", "keys", "alerts"], commands.Select(c => (string)c!["name"]!));
        Assert.All(commands, c => Assert.Equal("[0,1]", c!["contexts"]!.ToJsonString()));
        Assert.All(commands, c => Assert.Equal("[0]", c!["integration_types"]!.ToJsonString()));
        var options = commands[0]!["options"]!.AsArray();
        Assert.Equal(["provider", "model", "deep", "key"], options.Select(o => (string)o!["name"]!));
        Assert.Equal(["openai", "anthropic", "gemini", "openai-compatible", "midjourney", "all"], options[0]!["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal(5, (int)options[2]!["type"]!);
    }

    [Fact]
    public async Task DevelopmentGuild_RegistersGuildScoped()
    {
        await using var h = await AdapterHarness.StartAsync(settings: (s, _) => s["Discord:DevelopmentGuildId"] = AdapterHarness.Guild.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(h.Fake.Commands.ContainsKey(AdapterHarness.Guild.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(h.Fake.Commands.ContainsKey("global"));
    }

    [Fact]
    public async Task DiagnoseTeamKey_DefersPublicly_EditsTheChecklist_EndsInAnEmbedWithTheCode()
    {
        await using var h = await AdapterHarness.StartAsync();

        var interaction = await h.Fake.InjectInteractionAsync(h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)));
        var embed = await h.FinalEmbedAsync(interaction);

        Assert.Equal([5], interaction.Callbacks);
        Assert.Null(interaction.CallbackData?["flags"]); // a team key: public
        Assert.True(interaction.Edits.Count >= 2, "a checklist edit, then the final one");
        Assert.Contains("⬜", (string?)interaction.Edits[0]["content"] ?? "", StringComparison.Ordinal);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        Assert.Equal(DiscordReplyRenderer.OkColor, (int)embed["color"]!);
        Assert.StartsWith("Gemini", (string?)embed["title"], StringComparison.Ordinal);
        var buttons = interaction.Original!["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => (string)b!["custom_id"]!).ToList();
        Assert.Contains(buttons, b => b.StartsWith("rerun:", StringComparison.Ordinal));
        Assert.Contains(buttons, b => b.StartsWith("details:", StringComparison.Ordinal));
        Assert.Single(h.Gemini.Requests, r => r.Path.EndsWith("/models", StringComparison.Ordinal));
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task DiagnoseByANonMember_IsEphemeral_AndOffersTheKeyButton()
    {
        await using var h = await AdapterHarness.StartAsync();

        var interaction = await h.Fake.InjectInteractionAsync(AdapterHarness.WithRoles(h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"))));
        await h.Fake.WaitUntilAsync(() => interaction.Edits.Count > 0 && interaction.Original?["components"] is JsonArray { Count: > 0 }, "an answer with buttons", TimeSpan.FromSeconds(30));

        Assert.Equal(64, (int)interaction.CallbackData!["flags"]!);
        var buttons = interaction.Original!["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).Select(b => (string)b!["custom_id"]!);
        Assert.Contains("enter-key:gemini", buttons);
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task KeyViaModal_ButtonOpensTheModal_SubmitIsDiagnosedEphemerally()
    {
        await using var h = await AdapterHarness.StartAsync();

        var press = await h.Fake.InjectInteractionAsync(h.Fake.ButtonPress("enter-key:gemini", guildId: AdapterHarness.Guild));
        await h.Fake.WaitUntilAsync(() => press.Acknowledged, "the modal");
        Assert.Equal([9], press.Callbacks);
        Assert.Equal("key-modal:gemini", (string?)press.CallbackData!["custom_id"]);
        Assert.True(((string)press.CallbackData["title"]!).Length <= 45);
        var label = press.CallbackData["components"]!.AsArray().Single()!;
        Assert.Equal(18, (int)label["type"]!);
        Assert.Equal("key", (string?)label["component"]!["custom_id"]);

        var submit = await h.Fake.InjectInteractionAsync(h.Fake.ModalSubmit("key-modal:gemini", "key", h.UserKey, guildId: AdapterHarness.Guild));
        var embed = await h.FinalEmbedAsync(submit);

        Assert.Equal([5], submit.Callbacks);
        Assert.Equal(64, (int)submit.CallbackData!["flags"]!);
        Assert.Equal("code: auth.invalid_key", (string?)embed["footer"]!["text"]);
        Assert.Equal(DiscordReplyRenderer.ErrorColor, (int)embed["color"]!);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task EmptyModal_GetsAFriendlyPrompt()
    {
        await using var h = await AdapterHarness.StartAsync();

        var submit = await h.Fake.InjectInteractionAsync(h.Fake.ModalSubmit("key-modal:gemini", "key", "", guildId: AdapterHarness.Guild));
        await h.Fake.WaitUntilAsync(() => submit.Edits.Count > 0, "the prompt");

        Assert.Equal(64, (int)submit.CallbackData!["flags"]!);
        Assert.Contains("empty", (string?)submit.Original!["content"] ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Gemini.Requests);
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task KeyByDm_IsDiagnosedInTheDm_MessageThenEdited()
    {
        await using var h = await AdapterHarness.StartAsync();
        var dm = h.Fake.AddChannel(type: 1);

        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("gemini " + h.UserKey, dm));
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Values.Any(m => AdapterHarness.FooterEmbed(m) is not null), "the verdict in the DM", TimeSpan.FromSeconds(30));

        var message = Assert.Single(h.Fake.Messages.Values);
        Assert.Equal(dm.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)message["channel_id"]);
        Assert.Equal("code: auth.invalid_key", (string?)AdapterHarness.FooterEmbed(message)!["footer"]!["text"]);
        Assert.Single(h.Fake.Calls, c => c.Method == "POST" && c.Path.EndsWith("/messages", StringComparison.Ordinal));
        Assert.Contains(h.Fake.Calls, c => c.Method == "PATCH" && c.Path.Contains("/messages/", StringComparison.Ordinal));
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task KeyInAGuildChannel_IsDeleted_AndTheAuthorIsDmed()
    {
        await using var h = await AdapterHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
        var posted = h.Fake.UserMessage("our key is " + h.UserKey + " pls check", channel, AdapterHarness.Guild);
        var postedId = ulong.Parse((string)posted["id"]!, System.Globalization.CultureInfo.InvariantCulture);
        h.Fake.AllowDelete(postedId);

        await h.Fake.InjectMessageAsync(posted);
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Values.Any(m => ((string?)m["content"])?.Contains("rotate", StringComparison.Ordinal) == true), "the DM", TimeSpan.FromSeconds(30));

        Assert.Single(h.Fake.Calls, c => c.Method == "DELETE" && c.Path.EndsWith($"/channels/{channel}/messages/{postedId}", StringComparison.Ordinal) && c.Status == 204);
        Assert.Single(h.Fake.Calls, c => c.Method == "POST" && c.Path.EndsWith("/users/@me/channels", StringComparison.Ordinal));
        var dm = Assert.Single(h.Fake.Messages.Values);
        Assert.NotEqual(channel.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)dm["channel_id"]);
        Assert.Contains("I deleted the message", (string?)dm["content"], StringComparison.Ordinal);
        Assert.Empty(h.Gemini.Requests); // an exposed key is not diagnosed in public
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task KeyInAGuildChannel_NotAllowedToDelete_SaysSoInTheChannel_WithoutTheKey()
    {
        await using var h = await AdapterHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
        h.Fake.DenyDelete(channel);
        var posted = h.Fake.UserMessage(h.UserKey, channel, AdapterHarness.Guild);

        await h.Fake.InjectMessageAsync(posted);
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Values.Count(m => (string?)m["channel_id"] == channel.ToString(System.Globalization.CultureInfo.InvariantCulture)) == 1, "the channel notice", TimeSpan.FromSeconds(30));

        Assert.Single(h.Fake.Calls, c => c.Method == "DELETE" && c.Status == 403);
        var notice = h.Fake.Messages.Values.Single(m => (string?)m["channel_id"] == channel.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("could not delete", (string?)notice["content"], StringComparison.Ordinal);
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Count == 2, "the DM too");
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task KeyInAGuildChannel_DmsClosed_FallsBackToAChannelNotice()
    {
        await using var h = await AdapterHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
        var posted = h.Fake.UserMessage(h.UserKey, channel, AdapterHarness.Guild, authorId: 5151);
        h.Fake.AllowDelete(ulong.Parse((string)posted["id"]!, System.Globalization.CultureInfo.InvariantCulture));
        h.Fake.CloseDms(5151);

        await h.Fake.InjectMessageAsync(posted);
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Count == 1, "the channel notice", TimeSpan.FromSeconds(30));

        Assert.Contains(h.Fake.Calls, c => c.Method == "POST" && c.Status == 403);
        Assert.Contains("rotate", (string?)h.Fake.Messages.Values.Single()["content"], StringComparison.Ordinal);
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task BotsAndChatter_AreIgnored()
    {
        await using var h = await AdapterHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: AdapterHarness.Guild);
        var fromBot = h.Fake.UserMessage(h.UserKey, channel, AdapterHarness.Guild, authorId: 999);
        fromBot["author"]!["bot"] = true;

        await h.Fake.InjectMessageAsync(fromBot);
        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("just chatting", channel, AdapterHarness.Guild));
        var marker = await h.Fake.InjectInteractionAsync(h.Slash("help", AdapterHarness.Guild));
        await h.Fake.WaitUntilAsync(() => marker.Edits.Count > 0, "the help");

        Assert.DoesNotContain(h.Fake.Calls, c => c.Method == "DELETE" || c.Path.EndsWith("/messages", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("diagnose", "bogus")]
    [InlineData("frobnicate", null)]
    public async Task UnknownCommandOrOption_GetsPrivateHelp(string command, string? option)
    {
        await using var h = await AdapterHarness.StartAsync();

        var payload = option is null ? h.Slash(command, AdapterHarness.Guild) : h.Slash(command, AdapterHarness.Guild, ("provider", "gemini"), (option, "x"));
        var interaction = await h.Fake.InjectInteractionAsync(payload);
        await h.Fake.WaitUntilAsync(() => interaction.Edits.Count > 0, "the help");

        Assert.Equal(64, (int)interaction.CallbackData!["flags"]!);
        Assert.Contains("I do not know the", (string?)interaction.Original!["content"], StringComparison.Ordinal);
        Assert.Empty(h.Gemini.Requests);
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task DroppedConnection_ResumesAndNoInteractionIsLost()
    {
        await using var h = await AdapterHarness.StartAsync();

        h.Fake.DropConnection();
        var interaction = await h.Fake.InjectInteractionAsync(h.Slash("status", AdapterHarness.Guild));
        await h.Fake.WaitUntilAsync(() => interaction.Edits.Count > 0, "the answer after the resume", TimeSpan.FromSeconds(20));

        Assert.Equal([5], interaction.Callbacks);
        Assert.Contains(h.Fake.Connections, c => c.Path == "/resume");
        Assert.Single(h.Fake.FramesWithOp(2)); // resumed, not re-identified
        Assert.Single(h.Fake.Calls, c => c.Method == "PUT"); // and the commands were not registered again
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task RateLimitedEdit_IsRetriedAfterRetryAfter()
    {
        await using var h = await AdapterHarness.StartAsync();
        h.Fake.EnqueueRateLimit("PATCH /webhooks/", 1.5);

        var interaction = await h.Fake.InjectInteractionAsync(h.Slash("help", AdapterHarness.Guild));
        var wait = await h.NextWaitAsync("bucket");
        Assert.Equal(TimeSpan.FromSeconds(1.5), wait);
        Assert.Empty(interaction.Edits);
        h.Time.Advance(wait);
        await h.Fake.WaitUntilAsync(() => interaction.Edits.Count > 0, "the retried edit");

        Assert.Equal([429, 200], h.Fake.Calls.Where(c => c.Method == "PATCH").Select(c => c.Status));
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task ExpiredInteraction_IsLoggedNotFatal()
    {
        await using var h = await AdapterHarness.StartAsync();
        var late = h.Slash("help", AdapterHarness.Guild);
        h.Fake.RegisterInteraction(late);
        ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)h.Fake.Options.Time).Advance(TimeSpan.FromSeconds(4));
        await h.Fake.DispatchAsync("INTERACTION_CREATE", late);

        await h.Logs.Collector.WaitForAsync(r => r.Is<DiscordAdapterService>(6) && r.Value("Code") == "10062", "the adapter's InteractionGone (code 10062)", cancellationToken: TestContext.Current.CancellationToken);
        var next = await h.Fake.InjectInteractionAsync(h.Slash("help", AdapterHarness.Guild));
        await h.Fake.WaitUntilAsync(() => next.Edits.Count > 0, "the next interaction still answered");
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task Close4004_StopsTheHost_WithExitCodeOne()
    {
        await using var h = await AdapterHarness.StartAsync(
            fake: f => f.Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Other0.another-token-the-fake-expects",
            settings: (s, fake) =>
            {
                s["Discord:GatewayUrl"] = fake.GatewayUrl.ToString();
                s["Discord:ShardCount"] = "1";
            },
            waitForCommands: false);

        var lifetime = (IHostApplicationLifetime)h.Host.Services.GetService(typeof(IHostApplicationLifetime))!;
        var stopping = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(1, h.ExitCode);
        Assert.Equal(4004, h.GatewayService.FatalError?.CloseCode);
        Assert.Empty(h.Fake.Calls);
        h.AssertNothingLeaked("MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Other0.another-token-the-fake-expects");
    }
    [Fact]
    public async Task ADmOf4000CharactersFullOfKeys_EveryOneHandled_NoneEchoed()
    {
        await using var h = await AdapterHarness.StartAsync();
        var dm = h.Fake.AddChannel(type: 1);
        var keys = new List<string>();
        var text = new System.Text.StringBuilder();
        while (text.Length < 3900)
        {
            var key = ChatOpsBot.Testing.TestKeys.Gemini();
            keys.Add(key);
            text.Append(key).Append(' ');
        }

        await h.Fake.InjectMessageAsync(h.Fake.UserMessage(text.ToString(), dm));
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Values.Any(m => AdapterHarness.FooterEmbed(m) is not null), "the verdicts", TimeSpan.FromSeconds(30));

        var answer = h.Fake.Messages.Values.Single();
        Assert.Contains("not checked", answer.ToJsonString(), StringComparison.Ordinal);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked([.. keys]);
    }

    [Fact]
    public async Task DmCommand_WithoutAKey_GetsHelpInTheDm()
    {
        await using var h = await AdapterHarness.StartAsync();
        var dm = h.Fake.AddChannel(type: 1);

        await h.Fake.InjectMessageAsync(h.Fake.UserMessage("hello", dm));
        await h.Fake.WaitUntilAsync(() => h.Fake.Messages.Count > 0, "the help");

        Assert.Equal(dm.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)h.Fake.Messages.Values.Single()["channel_id"]);
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task LiveChecklist_EditsInsideTheInterval_AreDroppedNotQueued()
    {
        // The bot's clock stands still: after the first checklist every progress edit falls inside the 1-s window.
        await using var h = await AdapterHarness.StartAsync();

        var interaction = await h.Fake.InjectInteractionAsync(h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)));
        await h.FinalEmbedAsync(interaction);

        Assert.Equal(2, interaction.Edits.Count); // the first checklist, then the final answer
    }
}
