using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Tests;

public sealed partial class RestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^DiscordBot \(https?://\S+, \S+\)$")]
    private static partial Regex UserAgent();

    [Fact]
    public async Task BotRoutes_SendBotAuthAndUserAgent_InteractionRoutesOnlyTheUserAgent()
    {
        await using var h = await DiscordHarness.StartAsync(shareClock: true);
        var interaction = await InjectAsync(h);

        var me = await h.Rest.GetCurrentUserAsync(Ct);
        await h.Rest.DeferAsync(interaction, ephemeral: true, Ct);

        Assert.Equal(h.Fake.Options.BotUserId, me.Id);
        var get = h.Fake.Calls.Single(c => c.Path == "/users/@me");
        Assert.Equal("Bot " + h.Token, get.Header("Authorization"));
        Assert.Matches(UserAgent(), get.Header("User-Agent"));
        var callback = h.Fake.Calls.Single(c => c.Path.StartsWith("/interactions/", StringComparison.Ordinal));
        Assert.Null(callback.Header("Authorization"));
        Assert.Matches(UserAgent(), callback.Header("User-Agent"));
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", callback.Body);
        Assert.Equal(204, callback.Status);
    }

    [Fact]
    public async Task Buckets_DiscoveredFromHeaders_PerChannel_WaitForReset()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.BucketLimit = 2, shareClock: true);
        var a = h.Fake.AddChannel(guildId: 1);
        var b = h.Fake.AddChannel(guildId: 1);

        await h.Rest.CreateMessageAsync(a, DiscordMessageBody.Text("1"), Ct);
        await h.Rest.CreateMessageAsync(a, DiscordMessageBody.Text("2"), Ct);
        var third = h.Rest.CreateMessageAsync(a, DiscordMessageBody.Text("3"), Ct);
        var wait = await h.NextWaitAsync("bucket");
        await h.Rest.CreateMessageAsync(b, DiscordMessageBody.Text("other channel, other bucket"), Ct);
        Assert.False(third.IsCompleted);
        h.ClientTime.Advance(wait);
        await third.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(1), $"waited {wait}");
        Assert.All(h.Fake.Calls, c => Assert.Equal(200, c.Status)); // the client never ran into a 429
        Assert.Equal(0, h.Rest.InvalidRequestsInWindow);
    }

    [Fact]
    public async Task Status429_RetriedAfterRetryAfter_OnFakeTime()
    {
        await using var h = await DiscordHarness.StartAsync(shareClock: true);
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.EnqueueRateLimit("POST /channels/", 1.5);

        var sending = h.Rest.CreateMessageAsync(channel, DiscordMessageBody.Text("hello"), Ct);
        var wait = await h.NextWaitAsync("bucket");
        Assert.Equal(TimeSpan.FromSeconds(1.5), wait);
        Assert.False(sending.IsCompleted);
        h.ClientTime.Advance(wait);
        var message = await sending.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("hello", message.Content);
        Assert.Equal([429, 200], h.Fake.Calls.Select(c => c.Status));
        Assert.Equal(1, h.Rest.InvalidRequestsInWindow);
    }

    [Fact]
    public async Task SharedScope429_NotCountedAsInvalid()
    {
        await using var h = await DiscordHarness.StartAsync(shareClock: true);
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.EnqueueRateLimit("POST /channels/", 2, scope: "shared");

        var sending = h.Rest.CreateMessageAsync(channel, DiscordMessageBody.Text("x"), Ct);
        h.ClientTime.Advance(await h.NextWaitAsync("bucket"));
        await sending.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(0, h.Rest.InvalidRequestsInWindow);
    }

    [Fact]
    public async Task Global429_HoldsEveryBotRoute_ButNotInteractionCallbacks()
    {
        await using var h = await DiscordHarness.StartAsync(shareClock: true);
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.EnqueueRateLimit("GET /users/@me", 3, scope: "global");
        var interaction = await InjectAsync(h);

        var me = h.Rest.GetCurrentUserAsync(Ct);
        Assert.Equal(TimeSpan.FromSeconds(3), await h.NextWaitAsync("bucket"));
        var other = h.Rest.GetChannelAsync(channel, Ct);
        await h.NextWaitAsync("global");
        await h.Rest.DeferAsync(interaction, ephemeral: false, Ct); // exempt: goes at once

        Assert.False(other.IsCompleted);
        h.ClientTime.Advance(TimeSpan.FromSeconds(3));
        await Task.WhenAll(me, other).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, h.Fake.Calls.Count(c => c.Status == 429));
    }

    [Fact]
    public async Task Callback429_LongerThanASecond_NotRetried()
    {
        await using var h = await DiscordHarness.StartAsync(shareClock: true);
        var interaction = await InjectAsync(h);
        h.Fake.EnqueueRateLimit("POST /interactions/", 2.5);

        var ex = await Assert.ThrowsAsync<DiscordRateLimitException>(() => h.Rest.DeferAsync(interaction, ephemeral: false, Ct));

        Assert.Equal(TimeSpan.FromSeconds(2.5), ex.RetryAfter);
        Assert.Single(h.Fake.Calls);
        h.AssertNoTokenLeaked(ex.ToString());
        Assert.DoesNotContain(interaction.Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalLimit_50PerSecond_KeptByTheClient()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.BucketLimit = 1000, shareClock: true);
        var channels = Enumerable.Range(0, 60).Select(_ => h.Fake.AddChannel(guildId: 1)).ToList();

        var gets = channels.Select(c => h.Rest.GetChannelAsync(c, Ct)).ToList();
        await h.NextWaitAsync("global");
        await h.Fake.WaitUntilAsync(() => h.Fake.Calls.Count == 50, "50 calls");
        h.ClientTime.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(gets).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(60, h.Fake.Calls.Count);
        Assert.DoesNotContain(h.Fake.Calls, c => c.Status == 429);
    }

    [Fact]
    public async Task InteractionErrors_SurfaceDiscordCodes()
    {
        await using var h = await DiscordHarness.StartAsync();
        var first = await InjectAsync(h);
        var late = await InjectAsync(h);

        await h.Rest.DeferAsync(first, ephemeral: true, Ct);
        var twice = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.DeferAsync(first, ephemeral: true, Ct));
        h.FakeTime.Advance(TimeSpan.FromSeconds(3.1));
        var tooLate = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.ReplyAsync(late, DiscordMessageBody.Text("late"), Ct));

        Assert.Equal(400, twice.Status);
        Assert.True(twice.IsAlreadyAcknowledged);
        Assert.Equal(404, tooLate.Status);
        Assert.True(tooLate.IsUnknownInteraction);
        Assert.Contains("{token}", tooLate.Route, StringComparison.Ordinal);
        Assert.DoesNotContain(late.Token, tooLate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(late.Token, h.AllLogs(), StringComparison.Ordinal);
        h.AssertNoTokenLeaked(twice.ToString(), tooLate.ToString());
    }

    [Fact]
    public async Task ChannelErrors_MissingPermissionsAccessAndClosedDms()
    {
        await using var h = await DiscordHarness.StartAsync();
        var denied = h.Fake.AddChannel(guildId: 1);
        var hidden = h.Fake.AddChannel(guildId: 1);
        h.Fake.DenyChannel(denied, 50013);
        h.Fake.DenyChannel(hidden, 50001);
        h.Fake.CloseDms(99);

        var permissions = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(denied, DiscordMessageBody.Text("x"), Ct));
        var access = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.DeleteMessageAsync(hidden, 5, "key exposed", Ct));
        var dm = await h.Rest.CreateDmAsync(99, Ct);
        var cannotDm = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.CreateMessageAsync(dm.Id, DiscordMessageBody.Text("rotate your key"), Ct));
        var unknown = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetChannelAsync(123, Ct));

        Assert.Equal(DiscordErrorCodes.MissingPermissions, permissions.Code);
        Assert.Equal(DiscordErrorCodes.MissingAccess, access.Code);
        Assert.True(access.IsMissingAccessOrPermissions);
        Assert.True(dm.IsDirectMessage);
        Assert.Equal(99UL, Assert.Single(dm.Recipients).Id);
        Assert.True(cannotDm.IsCannotDm);
        Assert.Equal(DiscordErrorCodes.UnknownChannel, unknown.Code);
        Assert.Equal("key%20exposed", h.Fake.Calls.Single(c => c.Method == "DELETE").Header("X-Audit-Log-Reason"));
        Assert.Equal(3, h.Rest.InvalidRequestsInWindow); // the three 403s
    }

    [Theory]
    [InlineData(200, "<html>captive portal</html>", null, "is not JSON")]
    [InlineData(200, "{\"id\": \"1\"}", "gzip", "could not be decoded")]
    [InlineData(404, "not deflate", "deflate", "could not be decoded")]
    [InlineData(200, "not brotli", "br", "could not be decoded")]
    public async Task AnswerThatIsNotDiscords_IsAnHttpRequestException_NamingTheRoute(int status, string body, string? contentEncoding, string says)
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.FailNext("GET /users/@me", 1, status, body, contentEncoding);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => h.Rest.GetCurrentUserAsync(Ct));

        Assert.Contains("GET /users/@me", ex.Message, StringComparison.Ordinal);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        h.AssertNoTokenLeaked(ex.ToString());
    }

    [Fact]
    public async Task WrongToken_401_NoTokenInExceptionOrLogs()
    {
        await using var h = await DiscordHarness.StartAsync(f => f.Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Other0.another-token-the-fake-expects");

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetGatewayBotAsync(Ct));

        Assert.Equal(401, ex.Status);
        Assert.Equal(0, ex.Code);
        Assert.Equal("401: Unauthorized", ex.DiscordMessage);
        h.AssertNoTokenLeaked(ex.ToString());
    }

    [Fact]
    public async Task Messages_AlwaysEmptyAllowedMentions_NonceEnforced()
    {
        await using var h = await DiscordHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: 1);
        var body = new DiscordMessageBody { Content = "@everyone look", Nonce = "n-1", EnforceNonce = true };

        var first = await h.Rest.CreateMessageAsync(channel, body, Ct);
        var again = await h.Rest.CreateMessageAsync(channel, body, Ct);
        var edited = await h.Rest.EditMessageAsync(channel, first.Id, DiscordMessageBody.Text("edited"), Ct);
        await h.Rest.DeleteMessageAsync(channel, first.Id, cancellationToken: Ct);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("edited", edited.Content);
        var posts = h.Fake.Calls.Where(c => c.Method is "POST" or "PATCH").ToList();
        Assert.All(posts, c => Assert.Equal("""{"parse":[]}""", c.Json!["allowed_mentions"]!.ToJsonString()));
        Assert.Equal("n-1", (string?)posts[0].Json!["nonce"]);
        Assert.True((bool)posts[0].Json!["enforce_nonce"]!);
        Assert.Null(posts[2].Json!["nonce"]);
        Assert.Empty(h.Fake.Messages);
    }

    [Fact]
    public async Task InteractionFlow_DeferEditFollowupModal()
    {
        await using var h = await DiscordHarness.StartAsync();
        var command = await InjectAsync(h);

        await h.Rest.DeferAsync(command, ephemeral: true, Ct);
        var edited = await h.Rest.EditOriginalResponseAsync(command.ApplicationId, command.Token,
            new DiscordMessageBody { Content = "✅ done", Embeds = [new DiscordEmbed { Title = "Verdict", Color = 0x2ECC71, Fields = [new("code", "ok")] }] }, Ct);
        var original = await h.Rest.GetOriginalResponseAsync(command.ApplicationId, command.Token, Ct);
        var followup = await h.Rest.CreateFollowupAsync(command.ApplicationId, command.Token, new DiscordMessageBody { Content = "more", Flags = DiscordMessageBody.EphemeralFlag }, Ct);
        await h.Rest.DeleteOriginalResponseAsync(command.ApplicationId, command.Token, Ct);

        var fake = h.Fake.Interactions[command.Id];
        Assert.Equal([5], fake.Callbacks);
        Assert.Equal("✅ done", edited.Content);
        Assert.Equal(64, edited.Flags); // still ephemeral, no longer loading
        Assert.Equal(edited.Id, original.Id);
        Assert.Equal("more", followup.Content);
        Assert.Null(fake.Original);

        var press = Register(h, h.Fake.ButtonPress("enter-key", guildId: 5));
        await h.Rest.ShowModalAsync(press, "key-modal", "Enter your key", new JsonArray(new JsonObject
        {
            ["type"] = 18,
            ["label"] = "API key",
            ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = "key", ["style"] = 1 },
        }), Ct);
        Assert.Equal([9], h.Fake.Interactions[press.Id].Callbacks);
    }

    [Fact]
    public async Task Commands_BulkOverwrite_GlobalAndGuild()
    {
        await using var h = await DiscordHarness.StartAsync();
        var commands = new JsonArray(new JsonObject { ["name"] = "diagnose", ["type"] = 1, ["description"] = "Diagnose an AI API key", ["contexts"] = new JsonArray(0, 1) });

        var global = await h.Rest.BulkOverwriteGlobalCommandsAsync(h.Fake.Options.ApplicationId, commands, Ct);
        commands[0]!.AsObject().Remove("contexts");
        var guild = await h.Rest.BulkOverwriteGuildCommandsAsync(h.Fake.Options.ApplicationId, 55, commands, Ct);

        Assert.Equal("diagnose", global[0].GetProperty("name").GetString());
        Assert.Equal("55", guild[0].GetProperty("guild_id").GetString());
        Assert.Equal(["PUT", "PUT"], h.Fake.Calls.Select(c => c.Method));
        Assert.Equal("/applications/1399999999999999999/guilds/55/commands", h.Fake.Calls[1].Path);
    }

    [Fact]
    public async Task GuildLookups_GuildRolesMember()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Fake.AddGuild(10, ownerId: 20, (10, "@everyone", 1UL << 52 | 1024), (11, "ops", 8));
        h.Fake.AddMember(10, 30, 11);

        var guild = await h.Rest.GetGuildAsync(10, Ct);
        var roles = await h.Rest.GetGuildRolesAsync(10, Ct);
        var member = await h.Rest.GetGuildMemberAsync(10, 30, Ct);
        var missing = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.GetGuildMemberAsync(10, 31, Ct));

        Assert.Equal(20UL, guild.OwnerId);
        Assert.Equal(1UL << 52 | 1024, roles[0].Permissions);
        Assert.Equal([11UL], member.Roles);
        Assert.Equal(DiscordErrorCodes.UnknownMember, missing.Code);
    }

    [Fact]
    public async Task OverLimitMessage_RefusedBeforeSending()
    {
        await using var h = await DiscordHarness.StartAsync();
        var channel = h.Fake.AddChannel(guildId: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => h.Rest.CreateMessageAsync(channel, DiscordMessageBody.Text(new string('x', 2001)), Ct));

        Assert.Empty(h.Fake.Calls);
    }

    private static Task<Models.DiscordInteraction> InjectAsync(DiscordHarness h) =>
        Task.FromResult(Register(h, h.Fake.SlashCommand("diagnose", new JsonArray(new JsonObject { ["type"] = 3, ["name"] = "provider", ["value"] = "gemini" }), guildId: 5)));

    // REST-only tests need no gateway: the fake learns the interaction and the test parses it as the gateway would.
    private static Models.DiscordInteraction Register(DiscordHarness h, JsonObject payload)
    {
        h.Fake.RegisterInteraction(payload);
        using var doc = System.Text.Json.JsonDocument.Parse(payload.ToJsonString());
        return Models.DiscordInteraction.Parse(doc.RootElement.Clone());
    }
}
