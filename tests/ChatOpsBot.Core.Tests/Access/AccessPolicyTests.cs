using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Conversation;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly AccessPolicy Sut = new(Options.Create(new AccessOptions
    {
        Discord = new DiscordAccess { RoleIds = ["100"], UserIds = ["200"] },
        Telegram = new TelegramAccess { UserIds = ["300"] },
    }));

    [Theory]
    [InlineData(ChatPlatform.Discord, "1", "100", true)]
    [InlineData(ChatPlatform.Discord, "200", "", true)]
    [InlineData(ChatPlatform.Discord, "1", "999", false)]
    [InlineData(ChatPlatform.Discord, "300", "", false)]
    [InlineData(ChatPlatform.Telegram, "300", "", true)]
    [InlineData(ChatPlatform.Telegram, "200", "", false)]
    [InlineData(ChatPlatform.Telegram, "1", "100", false)]
    [InlineData(ChatPlatform.Console, "anyone", "", true)]
    public void MayUseTeamKeys_ConfiguredIdsOnly(ChatPlatform platform, string user, string role, bool expected)
    {
        var chatUser = new ChatUser(platform, user, role.Length == 0 ? [] : [role]);

        Assert.Equal(expected, Sut.MayUseTeamKeys(chatUser));
    }

    [Fact]
    public void MayUseTeamKeys_NothingConfigured_OnlyTheOperator()
    {
        var sut = new AccessPolicy(Options.Create(new AccessOptions()));

        Assert.False(sut.MayUseTeamKeys(new ChatUser(ChatPlatform.Discord, "1", ["1"])));
        Assert.True(sut.MayUseTeamKeys(ChatUser.Operator));
    }

    [Fact]
    public void IsRateLimited_EveryoneButTheOperator()
    {
        Assert.True(AccessPolicy.IsRateLimited(new ChatUser(ChatPlatform.Telegram, "300", [])));
        Assert.False(AccessPolicy.IsRateLimited(ChatUser.Operator));
    }
}
