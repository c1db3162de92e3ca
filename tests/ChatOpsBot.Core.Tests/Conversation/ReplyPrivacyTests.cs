using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Testing;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Tests.Conversation;

public sealed class ReplyPrivacyTests
{
    private static readonly ChatUser Team = new(ChatPlatform.Discord, "100", []);
    private static readonly ChatUser Stranger = new(ChatPlatform.Discord, "200", []);

    private readonly ReplyPrivacy _privacy = new(new AccessPolicy(Options.Create(new AccessOptions { Discord = new DiscordAccess { UserIds = ["100"] } })));

    /// <summary>Options from <c>name=value</c> pairs.</summary>
    private static Dictionary<string, string> OptionsOf(params string[] pairs) =>
        pairs.ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    [Theory]
    [InlineData("diagnose", "prod", true)]
    [InlineData("diagnose", "prod key", false)]
    [InlineData("diagnose", null, false)]
    [InlineData("status", null, false)]
    public void NamesTeamKeyOnly_OnlyATeamKeyName_IsPublic(string command, string? key, bool isPublic)
    {
        var options = new Dictionary<string, string> { ["provider"] = "gemini" };
        if (key is not null)
        {
            options["key"] = key;
        }

        Assert.Equal(isPublic, ReplyPrivacy.NamesTeamKeyOnly(command, options));
    }

    [Fact]
    public void NamesTeamKeyOnly_AKeyInTheKeyOption_IsNeverPublic()
    {
        var options = new Dictionary<string, string> { ["provider"] = "gemini", ["key"] = TestKeys.Gemini() };

        Assert.False(ReplyPrivacy.NamesTeamKeyOnly("diagnose", options));
    }

    public static TheoryData<string, string[], ReplyVisibility> Commands() => new()
    {
        { CommandIds.Diagnose, ["provider=gemini", "key=prod"], ReplyVisibility.Public },
        { CommandIds.Diagnose, ["provider=gemini", "key=prod", "model=gemini-2.5-flash", "deep=true"], ReplyVisibility.Public },
        { CommandIds.Diagnose, ["provider=gemini"], ReplyVisibility.Private },
        { CommandIds.Diagnose, ["provider=gemini", "key=prod key"], ReplyVisibility.Private },
        { CommandIds.Diagnose, ["provider=gemini", "key=prod", "other=x"], ReplyVisibility.Private },
        { CommandIds.Status, [], ReplyVisibility.Public },
        { CommandIds.Keys, [], ReplyVisibility.Private },
        { CommandIds.Help, [], ReplyVisibility.Private },
        { "nonsense", [], ReplyVisibility.Private },
        { CommandIds.Alerts, ["action=subscribe"], ReplyVisibility.Public },
        { CommandIds.Alerts, ["action=unsubscribe"], ReplyVisibility.Public },
        { CommandIds.Alerts, ["action=mute", "target=prod", "duration=2h"], ReplyVisibility.Public },
        { CommandIds.Alerts, ["action=unmute", "target=prod"], ReplyVisibility.Public },
        { CommandIds.Alerts, ["action=mute", "target=prod", "duration=forever"], ReplyVisibility.Private },
        { CommandIds.Alerts, ["action=list"], ReplyVisibility.Private },
        { CommandIds.Alerts, ["action=test"], ReplyVisibility.Private },
        { CommandIds.Alerts, [], ReplyVisibility.Private },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void ForCommand_ForTheTeam_IsPublicOnlyForTeamKeysStatusAndAlertChanges(string name, string[] options, ReplyVisibility expected)
    {
        var given = OptionsOf(options);

        Assert.Equal(expected, _privacy.ForCommand(Team, name, given));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void ForCommand_ForSomeoneOutsideTheTeam_IsAlwaysPrivate(string name, string[] options, ReplyVisibility expected)
    {
        _ = expected;
        var given = OptionsOf(options);

        Assert.Equal(ReplyVisibility.Private, _privacy.ForCommand(Stranger, name, given));
    }

    [Theory]
    [InlineData(CommandIds.Status)]
    [InlineData(CommandIds.Alerts)]
    public void ForCommand_AKeyInAnyOption_IsPrivate(string name)
    {
        var options = OptionsOf("action=subscribe", "target=" + TestKeys.Gemini());

        Assert.Equal(ReplyVisibility.Private, _privacy.ForCommand(Team, name, options));
    }

    [Theory]
    [InlineData("rerun:abc", false, true, ReplyVisibility.Public)]
    [InlineData("rerun:abc", true, true, ReplyVisibility.Private)]
    [InlineData("rerun:abc", false, false, ReplyVisibility.Private)]
    [InlineData("details:abc", false, true, ReplyVisibility.Private)]
    [InlineData("details:abc", true, true, ReplyVisibility.Private)]
    [InlineData("enter-key:gemini", false, true, ReplyVisibility.Private)]
    [InlineData("something-else", false, true, ReplyVisibility.Private)]
    public void ForButton_OnlyARerunOnAPublicReplyByTheTeam_IsPublic(string button, bool pressedOnPrivateReply, bool team, ReplyVisibility expected)
    {
        Assert.Equal(expected, _privacy.ForButton(team ? Team : Stranger, button, pressedOnPrivateReply));
    }
}
