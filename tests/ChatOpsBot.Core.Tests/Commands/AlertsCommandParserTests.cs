using ChatOpsBot.Core.Commands;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

public sealed class AlertsCommandParserTests
{
    public static TheoryData<string, AlertAction, string?, int?> Table => new()
    {
        // text, action, target, duration in minutes
        { "/alerts list", AlertAction.List, null, null },
        { "/alerts", AlertAction.List, null, null },
        { "alerts list", AlertAction.List, null, null },
        { "/ALERTS Subscribe", AlertAction.Subscribe, null, null },
        { "/alerts@MyBot subscribe", AlertAction.Subscribe, null, null },
        { "/alerts unsubscribe", AlertAction.Unsubscribe, null, null },
        { "/alerts mute prod-gemini 2h", AlertAction.Mute, "prod-gemini", 120 },
        { "/alerts mute 30m prod-gemini", AlertAction.Mute, "prod-gemini", 30 },
        { "/alerts mute prod-gemini 1h30m", AlertAction.Mute, "prod-gemini", 90 },
        { "/alerts mute prod-gemini 1d", AlertAction.Mute, "prod-gemini", 1440 },
        { "/alerts mute prod-gemini 1w", AlertAction.Mute, "prod-gemini", 10080 },
        { "/alerts mute prod-gemini 00:30:00", AlertAction.Mute, "prod-gemini", 30 },
        { "/alerts mute prod-gemini 1:15", AlertAction.Mute, "prod-gemini", 75 },
        { "/alerts mute prod-gemini 2.00:00:00", AlertAction.Mute, "prod-gemini", 2880 },
        { "/alerts mute prod-gemini 120s", AlertAction.Mute, "prod-gemini", 2 },
        { "/alerts mute prod-gemini 45MIN", AlertAction.Mute, "prod-gemini", 45 },
        { "/alerts unmute prod-gemini", AlertAction.Unmute, "prod-gemini", null },
        { "/alerts test", AlertAction.Test, null, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Parse_Text_GivesAlertsCommand(string text, AlertAction action, string? target, int? minutes)
    {
        var command = CommandParser.ResolveWords(CommandParser.Parse(text, "MyBot"), _ => false);

        Assert.Equal(CommandKind.Alerts, command.Kind);
        Assert.Null(command.Problem);
        Assert.Equal(action, command.Alert);
        Assert.Equal(target, command.Target);
        Assert.Equal(minutes is null ? null : TimeSpan.FromMinutes(minutes.Value), command.Duration);
        Assert.Equal(text.StartsWith('/'), command.Slashed);
    }

    public static TheoryData<string, string> Problems => new()
    {
        // text, a part of the problem the user is told
        { "/alerts frobnicate", "/alerts has no \"frobnicate\"" },
        { "/alerts mute", "Which target?" },
        { "/alerts mute prod-gemini", "How long?" },
        { "/alerts mute 2h", "Which target?" },
        { "/alerts mute prod-gemini 30", "\"30\" needs a unit: 30m" },
        { "/alerts mute prod-gemini 30s", "at least 1 minute" },
        { "/alerts mute prod-gemini 8d", "at most 7 days" },
        { "/alerts mute prod-gemini 99999w", "at most 7 days" },
        { "/alerts mute prod-gemini 2h extra", "I did not understand \"extra\"" },
        { "/alerts unmute", "Which target?" },
        { "/alerts subscribe now", "I did not understand \"now\" after /alerts subscribe" },
        { "/alerts mute prod-gemini 2x", "cannot read \"2x\" as a duration" },
        { "/alerts mute prod-gemini forever", "cannot read \"forever\" as a duration" },
        { "/alerts mute prod-gemini 1:99", "cannot read \"1:99\" as a duration" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Parse_BadAlertsText_KeepsKindWithFriendlyProblem(string text, string problem)
    {
        var command = CommandParser.Parse(text);

        Assert.Equal(CommandKind.Alerts, command.Kind);
        Assert.Null(command.Alert);
        Assert.Contains(problem, command.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AlertsForAnotherBot_IsNotOurs()
    {
        Assert.Equal(CommandKind.OtherBot, CommandParser.Parse("/alerts@OtherBot list", "MyBot").Kind);
    }

    [Fact]
    public void Parse_KeyShapedTarget_IsNeverKeptInTheCommand()
    {
        var key = TestKeys.Gemini();

        var command = CommandParser.Parse($"/alerts unmute {key}");

        Assert.Null(command.Target);
        Assert.Contains("Which target?", command.Problem, StringComparison.Ordinal);
        LeakAssert.NoSecret(command.ToString(), key);
        LeakAssert.NoSecret(command.Problem, key);
    }

    [Fact]
    public void Parse_StructuredMute_SameMeaningAsText()
    {
        var command = CommandParser.Parse("alerts", new Dictionary<string, string>
        {
            [CommandIds.ActionOption] = "mute",
            [CommandIds.TargetOption] = "prod-gemini",
            [CommandIds.DurationOption] = "1h30m",
        });

        Assert.Equal(CommandKind.Alerts, command.Kind);
        Assert.True(command.Slashed);
        Assert.Equal(AlertAction.Mute, command.Alert);
        Assert.Equal("prod-gemini", command.Target);
        Assert.Equal(TimeSpan.FromMinutes(90), command.Duration);
    }

    [Fact]
    public void Parse_StructuredKeyAsTarget_IsNotKept()
    {
        var key = TestKeys.Anthropic();

        var command = CommandParser.Parse("alerts", new Dictionary<string, string> { [CommandIds.ActionOption] = "unmute", [CommandIds.TargetOption] = key });

        Assert.Null(command.Target);
        Assert.Contains("Which target?", command.Problem, StringComparison.Ordinal);
        LeakAssert.NoSecret(command.ToString(), key);
    }

    [Theory]
    [InlineData("subscribe", AlertAction.Subscribe)]
    [InlineData("unsubscribe", AlertAction.Unsubscribe)]
    [InlineData("list", AlertAction.List)]
    [InlineData("test", AlertAction.Test)]
    public void Parse_StructuredSubcommand_GivesAction(string action, AlertAction expected)
    {
        var command = CommandParser.Parse("alerts", new Dictionary<string, string> { [CommandIds.ActionOption] = action });

        Assert.Equal(expected, command.Alert);
        Assert.Null(command.Problem);
    }

    [Fact]
    public void Parse_StructuredBadDuration_HasProblem()
    {
        var command = CommandParser.Parse("alerts", new Dictionary<string, string>
        {
            [CommandIds.ActionOption] = "mute",
            [CommandIds.TargetOption] = "prod-gemini",
            [CommandIds.DurationOption] = "forever",
        });

        Assert.Null(command.Alert);
        Assert.Contains("cannot read \"forever\"", command.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StructuredUnknownOption_HasProblem()
    {
        var command = CommandParser.Parse("alerts", new Dictionary<string, string> { [CommandIds.ActionOption] = "list", ["colour"] = "blue" });

        Assert.Equal(CommandKind.Alerts, command.Kind);
        Assert.Contains("colour", command.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, "1 h 30 min")]
    [InlineData(120, "2 h")]
    [InlineData(1, "1 min")]
    [InlineData(1440 + 240 + 5, "1 d 4 h")]
    public void Describe_GivesShortWords(int minutes, string expected)
    {
        Assert.Equal(expected, MuteDuration.Describe(TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData("alerts", "subscribe", true)]
    [InlineData("alerts", "test", true)]
    [InlineData("alerts", "unsubscribe", false)]
    [InlineData("alerts", "list", false)]
    [InlineData("alerts", "mute", false)]
    [InlineData("status", null, false)]
    [InlineData("diagnose", null, false)]
    public void AsksForAlertsHere_OnlySubscribeAndTest(string name, string? action, bool expected)
    {
        var options = action is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["action"] = action };

        Assert.Equal(expected, CommandParser.AsksForAlertsHere(name, options));
    }
}
