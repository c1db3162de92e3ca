using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Core.Tests.Conversation;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>
/// Every registered provider, by every name it has, is a <c>/diagnose</c> word (text, Telegram's <c>@Bot</c> form,
/// Discord's structured option), a team key's and a monitor target's provider, and is named in the help; read from
/// the registry, so providers registered later are covered by the same rows.
/// </summary>
public sealed class EveryProviderWordTests
{
    public static TheoryData<string, ProviderId> Names()
    {
        var data = new TheoryData<string, ProviderId>();
        foreach (var d in ProviderRegistry.Descriptors)
        {
            foreach (var name in d.Names)
            {
                data.Add(name, d.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Diagnose_EveryName_InEveryForm(string name, ProviderId id)
    {
        foreach (var text in new[] { $"/diagnose {name}", $"diagnose {name.ToUpperInvariant()}", $"/diagnose@MyBot {name} some-model deep" })
        {
            var command = CommandParser.ResolveWords(CommandParser.Parse(text, "MyBot"), _ => false);
            Assert.Equal(CommandKind.Diagnose, command.Kind);
            Assert.Equal([id], command.Providers);
        }

        var structured = CommandParser.Parse(CommandIds.Diagnose, new Dictionary<string, string> { [CommandIds.ProviderOption] = name });
        Assert.Equal([id], structured.Providers);
    }

    [Fact]
    public void DiagnoseAll_InChat_IsEveryRegisteredProvider()
    {
        // In chat, "all" keeps its meaning: the team key of every registered provider that has one (the CLI's "all"
        // is the providers whose key variable is set).
        var command = CommandParser.ResolveWords(CommandParser.Parse("/diagnose all"), _ => false);

        Assert.Equal(ProviderCatalog.All, command.Providers);
    }

    [Fact]
    public void UnknownProvider_FriendlyReplyListsEveryName()
    {
        var command = CommandParser.ResolveWords(CommandParser.Parse("/diagnose bogus"), _ => false);

        Assert.Equal(CommandKind.Unknown, command.Kind);
        Assert.Contains("I do not know the provider \"bogus\"", command.Problem, StringComparison.Ordinal);
        Assert.All(ProviderRegistry.Descriptors, d => Assert.Contains(d.Wire, command.Problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Help_NamesEveryProviderAndItsAliases()
    {
        Assert.All(ProviderRegistry.Descriptors.SelectMany(d => d.Names), n => Assert.Contains(n, ConversationTexts.HelpText, StringComparison.Ordinal));
        Assert.Contains("midjourney", ConversationTexts.HelpText, StringComparison.Ordinal);
        Assert.Contains("/diagnose <provider|all>", ConversationTexts.HelpText, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_EveryProviderWithAKeyShape_PointsAtItsKeysPage()
    {
        Assert.All(ProviderRegistry.Descriptors.Where(d => d.KeyPlatform != KeyPlatform.Unknown),
            d => Assert.Contains("https://", ConversationTexts.Rotate(d.KeyPlatform), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TeamKeyAndMonitorTarget_AcceptEveryName(string name, ProviderId id)
    {
        using var harness = new ConversationHarness(new Dictionary<string, string?>
        {
            ["TeamKeys:0:Name"] = "team",
            ["TeamKeys:0:Provider"] = name,
            ["TeamKeys:0:KeyEnv"] = "TEAM_KEY",
            ["Monitor:Targets:0:Name"] = "watched",
            ["Monitor:Targets:0:Provider"] = name,
            ["Monitor:Targets:0:KeyEnv"] = "WATCHED_KEY",
            ["Monitor:Targets:0:Interval"] = "00:05:00",
        });

        harness.ValidateOnStart();

        var registry = harness.Get<TeamKeyRegistry>();
        Assert.Equal(id, registry.Find("team")!.Provider);
        Assert.Equal(id, registry.Find("watched")!.Provider);
    }

    [Fact]
    public void TeamKey_UnknownProvider_NamesEveryProvider()
    {
        var result = new TeamKeysOptionsValidator().Validate(null, new TeamKeysOptions
        {
            TeamKeys = [new TeamKeySettings { Name = "x", Provider = "bogus", KeyEnv = "X" }],
        });

        Assert.True(result.Failed);
        Assert.All(ProviderRegistry.Descriptors, d => Assert.Contains(d.Wire, result.FailureMessage, StringComparison.Ordinal));
    }
}
