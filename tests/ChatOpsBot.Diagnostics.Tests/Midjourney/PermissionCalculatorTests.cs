using ChatOpsBot.Diagnostics.Midjourney;
using P = ChatOpsBot.Diagnostics.Midjourney.DiscordPermissions;

namespace ChatOpsBot.Diagnostics.Tests.Midjourney;

/// <summary>
/// Discord's documented algorithm (topics/permissions.mdx) on a table: the docs' own rules and examples, then the
/// tricky cases (owner, admin role, member overwrite beating a role overwrite, @everyone deny with a role allow,
/// a thread in a private channel, timeouts).
/// </summary>
public sealed class PermissionCalculatorTests
{
    private const ulong Guild = 100;
    private const ulong Owner = 1;
    private const ulong User = 2;
    private const ulong Red = 201;
    private const ulong Blue = 202;
    private const ulong Admins = 203;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What an ordinary server gives @everyone: view, send, embed, attach, history, reactions, app commands.</summary>
    private const P Everyone = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.AddReactions | P.UseApplicationCommands;

    private static readonly RoleFacts[] Roles =
    [
        new(Guild, Everyone, "@everyone"),
        new(Red, P.ManageMessages, "red"),
        new(Blue, P.MentionEveryone, "blue"),
        new(Admins, P.Administrator, "admins"),
    ];

    private static PermissionOverwrite RoleOw(ulong id, P allow = P.None, P deny = P.None) => new(id, OverwriteTarget.Role, allow, deny);

    private static PermissionOverwrite MemberOw(ulong id, P allow = P.None, P deny = P.None) => new(id, OverwriteTarget.Member, allow, deny);

    private static P Compute(ulong[] roles, PermissionOverwrite[] overwrites, ulong user = User, bool text = true, DateTimeOffset? timeout = null, IReadOnlyList<RoleFacts>? guildRoles = null) =>
        PermissionCalculator.Compute(Guild, Owner, guildRoles ?? Roles, new MemberFacts(user, roles, timeout), overwrites, text, Now);

    [Fact]
    public void Base_EveryoneOnly_IsTheEveryoneRole()
    {
        Assert.Equal(Everyone, Compute([], []));
    }

    [Fact]
    public void Base_RolesAreOrTogetherWithEveryone()
    {
        Assert.Equal(Everyone | P.ManageMessages | P.MentionEveryone, Compute([Red, Blue], []));
    }

    [Fact]
    public void Owner_GetsEverything_EvenWhenTheChannelDeniesEveryone()
    {
        Assert.Equal(P.All, Compute([], [RoleOw(Guild, deny: P.ViewChannel), MemberOw(Owner, deny: P.All)], user: Owner));
    }

    [Fact]
    public void AdministratorRole_GetsEverything_OverwritesIgnored()
    {
        Assert.Equal(P.All, Compute([Admins], [RoleOw(Guild, deny: P.ViewChannel | P.SendMessages), RoleOw(Admins, deny: P.ViewChannel)]));
    }

    [Fact]
    public void AdministratorViaEveryone_GetsEverything()
    {
        Assert.Equal(P.All, Compute([], [], guildRoles: [new(Guild, P.Administrator)]));
    }

    [Fact]
    public void EveryoneDeny_WithRoleAllow_RoleWins()
    {
        // The docs' example: @everyone may not send here, but a role's overwrite lets its members send.
        var p = Compute([Red], [RoleOw(Guild, deny: P.SendMessages), RoleOw(Red, allow: P.SendMessages)]);
        Assert.True(p.HasFlag(P.SendMessages));
    }

    [Fact]
    public void EveryoneDeny_WithoutTheRole_CannotSend_AndLosesEmbedAndAttach()
    {
        var p = Compute([Blue], [RoleOw(Guild, deny: P.SendMessages), RoleOw(Red, allow: P.SendMessages)]);
        Assert.False(p.HasFlag(P.SendMessages));
        Assert.False(p.HasFlag(P.EmbedLinks)); // implicit: no Send Messages removes the send-related ones
        Assert.False(p.HasFlag(P.AttachFiles));
        Assert.False(p.HasFlag(P.MentionEveryone));
        Assert.True(p.HasFlag(P.ReadMessageHistory));
    }

    [Fact]
    public void RoleOverwrites_AreAggregated_DenyThenAllow_PositionIrrelevant()
    {
        // One role denies what another allows: all denies first, then all allows, so the allow wins.
        var p = Compute([Red, Blue], [RoleOw(Red, deny: P.AttachFiles), RoleOw(Blue, allow: P.AttachFiles)]);
        Assert.True(p.HasFlag(P.AttachFiles));
    }

    [Fact]
    public void MemberOverwrite_BeatsRoleOverwrite()
    {
        var denied = Compute([Red], [RoleOw(Red, allow: P.AttachFiles), MemberOw(User, deny: P.AttachFiles)]);
        var allowed = Compute([Red], [RoleOw(Red, deny: P.EmbedLinks), MemberOw(User, allow: P.EmbedLinks)]);
        Assert.False(denied.HasFlag(P.AttachFiles));
        Assert.True(allowed.HasFlag(P.EmbedLinks));
    }

    [Fact]
    public void MemberOverwrite_ForSomeoneElse_IsIgnored()
    {
        Assert.Equal(Everyone, Compute([], [MemberOw(99, deny: P.All)]));
    }

    [Fact]
    public void RoleOverwrite_ForARoleTheMemberLacks_IsIgnored()
    {
        Assert.Equal(Everyone, Compute([Red], [RoleOw(Blue, deny: P.SendMessages)]) & Everyone);
    }

    [Fact]
    public void NoViewChannel_MeansNothingElse()
    {
        Assert.Equal(P.None, Compute([Red], [RoleOw(Guild, deny: P.ViewChannel)]));
    }

    [Fact]
    public void NoSendMessages_OutsideTextChannels_KeepsEmbedAndAttach()
    {
        var p = Compute([], [RoleOw(Guild, deny: P.SendMessages)], text: false);
        Assert.True(p.HasFlag(P.EmbedLinks));
    }

    [Fact]
    public void ThreadInAPrivateChannel_TakesTheParentsOverwrites()
    {
        // A private channel: @everyone may not view; the red role may. A thread in it uses these overwrites.
        PermissionOverwrite[] parent = [RoleOw(Guild, deny: P.ViewChannel), RoleOw(Red, allow: P.ViewChannel | P.SendMessagesInThreads)];
        Assert.True(Compute([Red], parent).HasFlag(P.SendMessagesInThreads));
        Assert.Equal(P.None, Compute([Blue], parent));
    }

    [Fact]
    public void TimedOutMember_KeepsOnlyViewAndHistory()
    {
        Assert.Equal(P.ViewChannel | P.ReadMessageHistory, Compute([Red], [], timeout: Now.AddMinutes(5)));
    }

    [Fact]
    public void ExpiredTimeout_ChangesNothing()
    {
        Assert.Equal(Everyone, Compute([], [], timeout: Now.AddMinutes(-5)));
    }

    [Fact]
    public void TimedOutAdministrator_IsExempt()
    {
        Assert.Equal(P.All, Compute([Admins], [], timeout: Now.AddMinutes(5)));
    }

    [Fact]
    public void RoleMissingFromTheGuildList_CountsAsNoPermissions()
    {
        Assert.Equal(Everyone, Compute([999], []));
    }

    [Fact]
    public void PermissionBitsAndClientNames_MatchTheDocs()
    {
        Assert.Equal(2147483648UL, (ulong)P.UseApplicationCommands);
        Assert.Equal(274877906944UL, (ulong)P.SendMessagesInThreads);
        Assert.Equal(1125899906842624UL, (ulong)P.UseExternalApps);
        Assert.Equal(4503599627370496UL, (ulong)P.BypassSlowmode);
        Assert.Equal("Manage Permissions", P.ManageRoles.Name());
        Assert.Equal("Use Application Commands", P.UseApplicationCommands.Name());
        Assert.True(DiscordPermissionNames.TryParse("2248473465835073", out var parsed));
        Assert.True(parsed.HasFlag(P.UseExternalApps));
        Assert.False(DiscordPermissionNames.TryParse("-1", out _));
        Assert.Equal(["View Channel", "Send Messages"], DiscordPermissionNames.NamesOf(P.ViewChannel | P.SendMessages));
    }
}
