using ChatOpsBot.Diagnostics.Midjourney;
using P = ChatOpsBot.Diagnostics.Midjourney.DiscordPermissions;

namespace ChatOpsBot.Diagnostics.Tests.Midjourney;

public sealed class MidjourneyJudgeTests
{
    private const ulong Guild = 100;
    private const ulong Channel = 300;
    private const ulong MjRole = 400;
    private const ulong UserId = 2;
    private const ulong Mj = MidjourneySnapshot.MidjourneyBotId;
    private const P Everyone = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.UseApplicationCommands;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static MidjourneySnapshot Good(params PermissionOverwrite[] overwrites) => new()
    {
        GuildId = Guild,
        ChannelId = Channel,
        InteractionChannelType = 0,
        UserPermissions = Everyone,
        OurPermissions = Everyone,
        User = new MemberFacts(UserId, []),
        Guild = Readable<GuildFacts>.Of(new GuildFacts(Guild, 1)),
        Roles = Readable<IReadOnlyList<RoleFacts>>.Of([new RoleFacts(Guild, Everyone, "@everyone"), new RoleFacts(MjRole, P.None, "Midjourney Bot", Mj)]),
        Channel = Readable<ChannelFacts>.Of(new ChannelFacts(Channel, 0, null, overwrites, "art")),
        MidjourneyBot = MemberLookup.Found(new MemberFacts(Mj, [MjRole])),
        Now = Now,
    };

    private static Finding Verdict(MidjourneySnapshot s) => MidjourneyJudge.Verdict(MidjourneyJudge.Judge(s));

    [Fact]
    public void Judge_AllReadableAndAllowed_IsOk_WithTheChecklistAsNextSteps()
    {
        var v = Verdict(Good());
        Assert.Equal(VerdictCodes.Ok, v.Code);
        Assert.Contains(v.NextSteps, s => s.Contains("subscription", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(MidjourneyJudge.Judge(Good()), f => f.Code == VerdictCodes.DiscordChecklist);
    }

    [Fact]
    public void Judge_CommandOverridesUnreadable_SaysSoWithDiscordsAnswer_AndStaysOk()
    {
        var s = Good() with { CommandOverrides = Readable<CommandOverrides>.Failed(new ReadProblem(403, 20012, "You are not authorized to perform this action on this application")) };
        var v = Verdict(s);
        Assert.Equal(VerdictCodes.Ok, v.Code);
        Assert.Contains(v.NextSteps, x => x.Contains("(Discord answered 403 20012", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_CommandOverridesReadAndNone_LeavesThemOffTheChecklist()
    {
        var v = Verdict(Good() with { CommandOverrides = Readable<CommandOverrides>.Of(new CommandOverrides(0, false, false)) });
        Assert.DoesNotContain(v.NextSteps, x => x.Contains("Integrations", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_CommandOverridesReadAndPresent_ComeFirst()
    {
        var v = Verdict(Good() with { CommandOverrides = Readable<CommandOverrides>.Of(new CommandOverrides(2, true, true)) });
        Assert.StartsWith("Midjourney's commands have permission overrides in this server (2 entries, one naming this channel, some denying)", v.NextSteps[0], StringComparison.Ordinal);
        Assert.Single(v.NextSteps, x => x.Contains("Integrations", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_GuildRequiresAVerifiedPhone_TheChecklistSaysSo()
    {
        var v = Verdict(Good() with { Guild = Readable<GuildFacts>.Of(new GuildFacts(Guild, 1, 4)) });
        Assert.Contains(v.NextSteps, x => x.Contains("requires a verified phone number", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_MidjourneyNotAMember_IsMjBotMissing()
    {
        var v = Verdict(Good() with { MidjourneyBot = MemberLookup.NotAMember });
        Assert.Equal(VerdictCodes.DiscordMjBotMissing, v.Code);
        Assert.Contains("application-directory/936929561302675456", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ChannelDeniesMidjourneysRoleSend_NamesThePermissionAndTheOverwrite()
    {
        var v = Verdict(Good(new PermissionOverwrite(MjRole, OverwriteTarget.Role, P.None, P.SendMessages)));
        Assert.Equal(VerdictCodes.DiscordMjBotPermissions, v.Code);
        Assert.Contains("Send Messages", v.Title, StringComparison.Ordinal);
        Assert.Contains("Embed Links", v.Title, StringComparison.Ordinal); // lost with Send Messages
        Assert.Contains("Edit Channel → Permissions → Midjourney Bot", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MemberOverwriteOnMidjourney_IsNamedAsItsOwnEntry()
    {
        var v = Verdict(Good(new PermissionOverwrite(Mj, OverwriteTarget.Member, P.None, P.AttachFiles)));
        Assert.Equal(VerdictCodes.DiscordMjBotPermissions, v.Code);
        Assert.Contains("Midjourney Bot (its own entry): Attach Files is denied", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoRoleGrantsIt_PointsAtServerSettingsRoles()
    {
        var s = Good() with { Roles = Readable<IReadOnlyList<RoleFacts>>.Of([new RoleFacts(Guild, P.ViewChannel | P.UseApplicationCommands), new RoleFacts(MjRole, P.ViewChannel, "Midjourney Bot", Mj)]) };
        var v = Verdict(s);
        Assert.Equal(VerdictCodes.DiscordMjBotPermissions, v.Code);
        Assert.Contains("Server Settings → Roles → Midjourney Bot", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UserLacksUseApplicationCommands_IsUserPermissions()
    {
        var s = Good(new PermissionOverwrite(Guild, OverwriteTarget.Role, P.None, P.UseApplicationCommands)) with { UserPermissions = Everyone & ~P.UseApplicationCommands };
        var v = Verdict(s);
        Assert.Equal(VerdictCodes.DiscordUserPermissions, v.Code);
        Assert.Equal(Severity.Error, v.Severity);
        Assert.Contains("Use Application Commands", v.Title, StringComparison.Ordinal);
        Assert.Contains("@everyone: Use Application Commands is denied", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ForumChannel_IsUnsupported_AndBeatsLaterStages()
    {
        var s = Good() with { Channel = Readable<ChannelFacts>.Of(new ChannelFacts(Channel, DiscordChannelKind.GuildForum, null, [])), MidjourneyBot = MemberLookup.NotAMember };
        Assert.Equal(VerdictCodes.DiscordChannelUnsupported, Verdict(s).Code);
    }

    [Fact]
    public void Judge_ThreadUsesTheParentsOverwrites_AndNeedsSendInThreads()
    {
        var parent = new ChannelFacts(500, 0, null, [new PermissionOverwrite(MjRole, OverwriteTarget.Role, P.None, P.SendMessagesInThreads)], "art");
        var s = Good() with
        {
            Channel = Readable<ChannelFacts>.Of(new ChannelFacts(Channel, DiscordChannelKind.PublicThread, 500, [])),
            Parent = Readable<ChannelFacts>.Of(parent),
            Roles = Readable<IReadOnlyList<RoleFacts>>.Of([new RoleFacts(Guild, Everyone | P.SendMessagesInThreads), new RoleFacts(MjRole, P.None, "Midjourney Bot", Mj)]),
        };
        var v = Verdict(s);
        Assert.Equal(VerdictCodes.DiscordMjBotPermissions, v.Code);
        Assert.Contains("Send Messages in Threads", v.Title, StringComparison.Ordinal);
        Assert.Contains("the parent channel #art", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RolesUnreadable_NeverOk_SaysWhatCouldNotBeRead()
    {
        var s = Good() with { Roles = Readable<IReadOnlyList<RoleFacts>>.Failed(new ReadProblem(403, 50001, "Missing Access")) };
        var findings = MidjourneyJudge.Judge(s);
        var v = MidjourneyJudge.Verdict(findings);
        Assert.Equal(VerdictCodes.DiscordCannotCheck, v.Code);
        Assert.Contains("the server's roles (403 50001 Missing Access)", v.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Code == VerdictCodes.Ok && f.Stage == DiagnosticStage.BotPermissions);
    }

    [Fact]
    public void Judge_MemberLookup403_IsCannotCheck_NotMissing()
    {
        var s = Good() with { MidjourneyBot = MemberLookup.Failed(new ReadProblem(403, 50001, "Missing Access")) };
        var findings = MidjourneyJudge.Judge(s);
        Assert.Equal(VerdictCodes.DiscordCannotCheck, MidjourneyJudge.Verdict(findings).Code);
        Assert.DoesNotContain(findings, f => f.Code == VerdictCodes.DiscordMjBotMissing);
    }

    [Fact]
    public void Judge_MidjourneysRoleMissingFromTheList_WithAMissingPermission_IsCannotCheck()
    {
        var s = Good() with { Roles = Readable<IReadOnlyList<RoleFacts>>.Of([new RoleFacts(Guild, P.ViewChannel | P.UseApplicationCommands)]) };
        var v = Verdict(s);
        Assert.Equal(VerdictCodes.DiscordCannotCheck, v.Code);
        Assert.Contains("did not come back", v.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OurBotCannotViewTheChannel_SaysHowToGrantIt()
    {
        var s = Good() with { OurPermissions = P.None, Channel = Readable<ChannelFacts>.Failed(new ReadProblem(403, 50001, "Missing Access")) };
        var v = Verdict(s);
        Assert.Equal(VerdictCodes.DiscordCannotCheck, v.Code);
        Assert.Contains("View Channel ✓", v.NextSteps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UserTimedOut_IsUserPermissions()
    {
        Assert.Equal(VerdictCodes.DiscordUserPermissions, Verdict(Good() with { UserTimedOutUntil = Now.AddHours(1) }).Code);
    }

    [Fact]
    public void Judge_MidjourneyTimedOut_IsMjBotPermissions()
    {
        var s = Good() with { MidjourneyBot = MemberLookup.Found(new MemberFacts(Mj, [MjRole], Now.AddHours(1))) };
        Assert.Equal(VerdictCodes.DiscordMjBotPermissions, Verdict(s).Code);
    }

    [Fact]
    public void Judge_DirectMessage_IsTheDmAndWebChecklist()
    {
        var v = Verdict(new MidjourneySnapshot { DirectMessage = true, Now = Now });
        Assert.Equal(VerdictCodes.DiscordChecklist, v.Code);
        Assert.Contains(v.NextSteps, s => s.Contains("share a server", StringComparison.Ordinal));
        Assert.Contains(v.NextSteps, s => s.Contains("midjourney.com", StringComparison.Ordinal));
    }
}
