using ChatOpsBot.Core.Commands;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

public sealed class CommandParserTests
{
    public static TheoryData<string, CommandKind, string, string?, bool, string?> Table => new()
    {
        // text, kind, providers, model, deep, key name
        { "/diagnose gemini", CommandKind.Diagnose, "gemini", null, false, null },
        { "diagnose claude", CommandKind.Diagnose, "anthropic", null, false, null },
        { "/diagnose chatgpt gpt-4o deep", CommandKind.Diagnose, "openai", "gpt-4o", true, null },
        { "/diagnose@MyBot google", CommandKind.Diagnose, "gemini", null, false, null },
        { "/DIAGNOSE OpenAI", CommandKind.Diagnose, "openai", null, false, null },
        { "/diagnose all", CommandKind.Diagnose, string.Join(",", ProviderCatalog.All.Select(p => p.Wire())), null, false, null },
        { "/diagnose provider:openai key:prod", CommandKind.Diagnose, "openai", null, false, "prod" },
        { "/diagnose provider:gemini model:gemini-2.0-flash deep:true", CommandKind.Diagnose, "gemini", "gemini-2.0-flash", true, null },
        { "/diagnose midjourney", CommandKind.Diagnose, "", null, false, null },
        { "/status", CommandKind.Status, "", null, false, null },
        { "status", CommandKind.Status, "", null, false, null },
        { "/help", CommandKind.Help, "", null, false, null },
        { "/start", CommandKind.Help, "", null, false, null },
        { "/keys@MyBot", CommandKind.Keys, "", null, false, null },
        { "/frobnicate", CommandKind.Unknown, "", null, false, null },
        { "/diagnose gemini colour:blue", CommandKind.Unknown, "", null, false, null },
        { "/diagnose provider:cohere", CommandKind.Unknown, "", null, false, null },
        { "hello there", CommandKind.None, "", null, false, null },
        { "   ", CommandKind.None, "", null, false, null },
        { "/status@OtherBot", CommandKind.OtherBot, "", null, false, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Parse_Text_GivesCommand(string text, CommandKind kind, string providers, string? model, bool deep, string? keyName)
    {
        var command = CommandParser.ResolveWords(CommandParser.Parse(text, "MyBot"), _ => false);

        Assert.Equal(kind, command.Kind);
        Assert.Equal(providers, string.Join(",", command.Providers.Select(p => p.Wire())));
        Assert.Equal(model, command.Model);
        Assert.Equal(deep, command.Deep);
        Assert.Equal(keyName, command.KeyName);
    }

    [Fact]
    public void Parse_Midjourney_IsRecognisedAsProviderWord()
    {
        var command = CommandParser.Parse("/diagnose midjourney");

        Assert.True(command.Midjourney);
        Assert.Empty(command.Providers);
    }

    [Fact]
    public void Parse_Structured_SameMeaningAsText()
    {
        var command = CommandParser.Parse("diagnose", new Dictionary<string, string> { ["provider"] = "claude", ["model"] = "claude-3-5-haiku", ["deep"] = "true", ["key"] = "prod" });

        Assert.Equal(CommandKind.Diagnose, command.Kind);
        Assert.True(command.Slashed);
        Assert.Equal([ProviderId.Anthropic], command.Providers);
        Assert.Equal("claude-3-5-haiku", command.Model);
        Assert.True(command.Deep);
        Assert.Equal("prod", command.KeyName);
    }

    [Fact]
    public void Parse_StructuredUnknownOption_IsUnknownWithProblem()
    {
        var command = CommandParser.Parse("diagnose", new Dictionary<string, string> { ["colour"] = "blue" });

        Assert.Equal(CommandKind.Unknown, command.Kind);
        Assert.Contains("colour", command.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveWords_BareWordNamingTeamKey_IsKeyName_OtherIsModel()
    {
        var command = CommandParser.ResolveWords(CommandParser.Parse("/diagnose openai gpt-4o prod"), n => n == "prod");

        Assert.Equal("prod", command.KeyName);
        Assert.Equal("gpt-4o", command.Model);
    }

    [Fact]
    public void ResolveWords_OnlyATeamKeyName_NeedsNoProvider()
    {
        var command = CommandParser.ResolveWords(CommandParser.Parse("diagnose prod"), n => n == "prod");

        Assert.Equal(CommandKind.Diagnose, command.Kind);
        Assert.Equal("prod", command.KeyName);
    }

    [Fact]
    public void ResolveWords_UnknownProviderWord_IsUnknown()
    {
        var command = CommandParser.ResolveWords(CommandParser.Parse("/diagnose cohere"), _ => false);

        Assert.Equal(CommandKind.Unknown, command.Kind);
        Assert.Contains("cohere", command.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyInCommand_NeverLandsInTheCommand()
    {
        var key = TestKeys.Gemini();

        var command = CommandParser.Parse($"/diagnose gemini {key}");

        Assert.Equal([ProviderId.Gemini], command.Providers);
        Assert.Null(command.Model);
        Assert.Empty(command.Words);
        LeakAssert.NoSecret(command.ToString(), key);
    }

    [Fact]
    public void ButtonIds_AreStablePrefixes()
    {
        Assert.Equal("rerun:abc", CommandIds.Rerun("abc"));
        Assert.Equal("details:abc", CommandIds.Details("abc"));
        Assert.Equal("enter-key:gemini", CommandIds.EnterKey("gemini"));
    }

    [Theory]
    [InlineData("rerun:abc", true)]
    [InlineData("details:abc", true)]
    [InlineData("enter-key:gemini", true)]
    [InlineData("key-modal:gemini", false)]
    [InlineData("something", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsButton_OnlyTheBotsOwnButtons(string? customId, bool expected) =>
        Assert.Equal(expected, CommandIds.IsButton(customId));
}
