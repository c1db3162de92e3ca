using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Discord;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// <c>/diagnose provider:midjourney</c> end to end: the real adapter and conversation against a fake Discord seeded
/// with a server, roles (managed bot roles with tags), channels with overwrites and members. The fake enforces
/// Missing Access from its own state. Every test checks the rendered embed (code footer, the permission named,
/// where to change it) and that nothing secret left the bot.
/// </summary>
public sealed class MidjourneyEndToEndTests
{
    private const ulong G = AdapterHarness.Guild;
    private const ulong Owner = 1_000_000_000_000_001;
    private const ulong User = 4242;
    private const ulong Mj = 936929561302675456;
    private const ulong MjRole = 777_000_000_000_000_100;
    private const ulong OurRole = 777_000_000_000_000_101;
    private const ulong ArtistRole = 777_000_000_000_000_102;

    private const ulong View = 1UL << 10;
    private const ulong Send = 1UL << 11;
    private const ulong Embed = 1UL << 14;
    private const ulong Attach = 1UL << 15;
    private const ulong History = 1UL << 16;
    private const ulong AppCommands = 1UL << 31;
    private const ulong SendInThreads = 1UL << 38;
    private const ulong Everyone = View | Send | Embed | Attach | History | AppCommands | SendInThreads;

    /// <summary>A server with our bot and (unless <paramref name="midjourney"/> is false) the Midjourney Bot, each with its managed role.</summary>
    private static void SeedServer(FakeDiscordServer fake, bool midjourney = true, bool ourBot = true)
    {
        fake.SeedGuild(G, Owner, Everyone);
        fake.AddRole(G, MjRole, "Midjourney Bot", View | Send | Embed | Attach | History, botId: Mj);
        fake.AddRole(G, OurRole, "ChatOpsBot", View | Send | Embed, botId: fake.Options.BotUserId);
        fake.AddRole(G, ArtistRole, "artists", 0);
        if (ourBot)
        {
            fake.AddMember(G, fake.Options.BotUserId, OurRole);
        }

        if (midjourney)
        {
            fake.AddMember(G, Mj, MjRole);
        }
    }

    private static JsonObject Slash(FakeDiscordServer fake, ulong? guild, ulong? channel, ulong permissions = Everyone, int? channelType = null, params string[] roles)
    {
        var payload = fake.SlashCommand("diagnose", [new JsonObject { ["type"] = 3, ["name"] = "provider", ["value"] = "midjourney" }], guildId: guild, channelId: channel, userId: User, permissions: permissions);
        if (channelType is { } t)
        {
            payload["channel"]!["type"] = t;
        }

        return AdapterHarness.WithRoles(payload, roles);
    }

    private static string Text(JsonObject embed)
    {
        var sb = new StringBuilder().Append((string?)embed["title"]).Append('\n').Append((string?)embed["description"]).Append('\n');
        foreach (var f in embed["fields"]?.AsArray() ?? [])
        {
            sb.Append((string?)f!["name"]).Append(": ").Append((string?)f["value"]).Append('\n');
        }

        return sb.ToString();
    }

    private static async Task<(JsonObject Embed, string Text, FakeInteraction Interaction)> RunAsync(AdapterHarness h, JsonObject payload)
    {
        var interaction = await h.Fake.InjectInteractionAsync(payload);
        var embed = await h.FinalEmbedAsync(interaction);
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked(payload["token"]!.GetValue<string>());
        return (embed, Text(embed), interaction);
    }

    private static string Code(JsonObject embed) => (string)embed["footer"]!["text"]!;

    [Fact]
    public async Task MidjourneyPresentAndAllowed_IsOk_WithTheLiveChecklistAndWhatNoBotCanSee()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0);

        var (embed, text, interaction) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: ok", Code(embed));
        Assert.StartsWith("Midjourney", (string?)embed["title"], StringComparison.Ordinal);
        Assert.Contains("subscription", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Integrations → Midjourney Bot", text, StringComparison.Ordinal);
        Assert.Contains("Discord answered 403 20012", text, StringComparison.Ordinal); // another app's command permissions: refused, and said so
        Assert.Equal(64, (int)interaction.CallbackData!["flags"]!);
        Assert.Contains("⬜ Midjourney Bot in this server", (string?)interaction.Edits[0]["content"] ?? "", StringComparison.Ordinal);
        Assert.Contains(h.Fake.Calls, c => c.Path.EndsWith($"/members/{Mj}", StringComparison.Ordinal) && c.Status == 200);
    }

    [Fact]
    public async Task CommandPermissionOverridesThatCanBeRead_AreNamedFirst()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0);
        var g = G.ToString(CultureInfo.InvariantCulture);
        h.Fake.SetCommandPermissions(Mj, G, [new JsonObject
        {
            ["id"] = "938956540159881230",
            ["application_id"] = Mj.ToString(CultureInfo.InvariantCulture),
            ["guild_id"] = g,
            ["permissions"] = new JsonArray(new JsonObject { ["id"] = channel.ToString(CultureInfo.InvariantCulture), ["type"] = 3, ["permission"] = false }),
        }]);

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: ok", Code(embed));
        Assert.Contains("1. Midjourney's commands have permission overrides in this server (1 entry, one naming this channel, some denying)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidjourneyNotInTheServer_IsMjBotMissing_WithWhereToAddIt()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake, midjourney: false);
        var channel = h.Fake.AddGuildChannel(G, 0);

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.mj_bot_missing", Code(embed));
        Assert.Contains("application-directory/936929561302675456", text, StringComparison.Ordinal);
        Assert.Contains(h.Fake.Calls, c => c.Path.EndsWith($"/members/{Mj}", StringComparison.Ordinal) && c.Status == 404);
    }

    [Fact]
    public async Task MidjourneyBlockedByAChannelOverwrite_NamesThePermissionAndTheOverwrite()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0, null, (MjRole, 0, 0, Send));

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.mj_bot_permissions", Code(embed));
        Assert.Contains("lacks Send Messages", text, StringComparison.Ordinal);
        Assert.Contains("Edit Channel → Permissions → Midjourney Bot: Send Messages", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserWithoutUseApplicationCommands_IsUserPermissions_NamingTheOverwrite()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0, null, (ArtistRole, 0, 0, AppCommands));

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel, Everyone & ~AppCommands, null, ArtistRole.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal("code: discord.user_permissions", Code(embed));
        Assert.Contains("Use Application Commands", (string?)embed["title"], StringComparison.Ordinal);
        Assert.Contains("Edit Channel → Permissions → artists: Use Application Commands is denied", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurBotCannotViewTheChannel_SaysWhatItCouldNotCheck_AndHowToGrantIt()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0, null, (G, 0, 0, View), (MjRole, 0, View, 0));

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.cannot_check", Code(embed));
        Assert.Contains("this channel (403 50001 Missing Access)", text, StringComparison.Ordinal);
        Assert.Contains("ChatOpsBot (or its role) → View Channel ✓", text, StringComparison.Ordinal);
        Assert.Contains(h.Fake.Calls, c => c.Path.EndsWith($"/channels/{channel}", StringComparison.Ordinal) && c.Status == 403);
    }

    [Fact]
    public async Task Thread_TakesTheParentsOverwrites_AndNeedsSendMessagesInThreads()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var parent = h.Fake.AddGuildChannel(G, 0, null, (MjRole, 0, 0, SendInThreads));
        var thread = h.Fake.AddGuildChannel(G, 11, parent);

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, thread, channelType: 11));

        Assert.Equal("code: discord.mj_bot_permissions", Code(embed));
        Assert.Contains("Send Messages in Threads", text, StringComparison.Ordinal);
        Assert.Contains("In the parent channel #", text, StringComparison.Ordinal);
        Assert.Contains(h.Fake.Calls, c => c.Path.EndsWith($"/channels/{parent}", StringComparison.Ordinal) && c.Status == 200);
    }

    [Fact]
    public async Task ForumPost_IsAThreadOfTheForum_AndWorksWhenTheForumAllowsIt()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var forum = h.Fake.AddGuildChannel(G, 15, null, (G, 0, 0, SendInThreads), (MjRole, 0, SendInThreads, 0));
        var post = h.Fake.AddGuildChannel(G, 11, forum);

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, post, Everyone & ~SendInThreads, 11));

        Assert.Equal("code: discord.user_permissions", Code(embed)); // @everyone may not post in the forum's threads: that includes you
        Assert.Contains("A forum post: Midjourney commands can work here", text, StringComparison.Ordinal);
        Assert.Contains("✅ Midjourney Bot's permissions", text, StringComparison.Ordinal);
        Assert.Contains("Edit Channel → Permissions → @everyone: Send Messages in Threads is denied", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForumChannel_IsUnsupported()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var forum = h.Fake.AddGuildChannel(G, 15);

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, forum, channelType: 15));

        Assert.Equal("code: discord.channel_unsupported", Code(embed));
        Assert.Contains("forum channel", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectMessage_GivesTheDmAndWebChecklist()
    {
        await using var h = await AdapterHarness.StartAsync();

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, null, null));

        Assert.Equal("code: discord.checklist", Code(embed));
        Assert.Contains("share a server", text, StringComparison.Ordinal);
        Assert.Contains("midjourney.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Fake.Calls, c => c.Path.Contains("/guilds/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RolesUnreadable_SaysSo_NeverAllGood()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0);
        h.Fake.FailRoute($"GET /guilds/{G}/roles", 403, 50001, "Missing Access");

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.cannot_check", Code(embed));
        Assert.Contains("the server's roles (403 50001 Missing Access)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersAnswer403_IsCannotCheck_NotMissing()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake);
        var channel = h.Fake.AddGuildChannel(G, 0);
        h.Fake.FailRoute($"GET /guilds/{G}/members/", 403, 50001, "Missing Access");

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.cannot_check", Code(embed));
        Assert.Contains("the Midjourney Bot's membership (403 50001 Missing Access)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mj_bot_missing", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidjourneysRoleMissingFromTheRoleList_IsNotJudgedAsMissingPermissions()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake, midjourney: false);
        h.Fake.AddMember(G, Mj, MjRole + 50); // a role the roles list does not return
        var channel = h.Fake.AddGuildChannel(G, 0, null, (G, 0, 0, Send));

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.cannot_check", Code(embed));
        Assert.Contains("did not come back", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurBotNotInTheServer_EverythingIsMissingAccess_AndTheReplySaysSo()
    {
        await using var h = await AdapterHarness.StartAsync();
        SeedServer(h.Fake, ourBot: false);
        var channel = h.Fake.AddGuildChannel(G, 0);

        var (embed, text, _) = await RunAsync(h, Slash(h.Fake, G, channel));

        Assert.Equal("code: discord.cannot_check", Code(embed));
        Assert.Contains("this server (403 50001 Missing Access)", text, StringComparison.Ordinal);
        Assert.Contains("Make sure ChatOpsBot is a member of this server", text, StringComparison.Ordinal);
    }
}
