using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>
/// <c>/diagnose provider:</c> offers every registered provider, midjourney and all, read from the registry: as fixed
/// choices while they fit Discord's 25 per option, as autocomplete past that (so one more provider can never make
/// Discord refuse the whole command list).
/// </summary>
public sealed class ProviderChoicesTests
{
    private static readonly string[] ThirtyWords = [.. Enumerable.Range(0, 28).Select(i => $"provider{i:D2}"), CommandIds.Midjourney, CommandIds.All];

    [Fact]
    public void ProviderWords_AreTheRegistryThenMidjourneyAndAll()
    {
        Assert.Equal([.. ProviderRegistry.Descriptors.Select(d => d.Wire), "midjourney", "all"], CommandIds.ProviderChoices);
    }

    [Fact]
    public void RegisteredProviders_FitDiscordsFixedChoices()
    {
        // 13 providers + midjourney + all = 15 once the ten land: room for ten more before autocomplete takes over.
        Assert.InRange(CommandIds.ProviderChoices.Count, 1, DiscordLimits.OptionChoices);
        var option = DiscordCommands.Build(guildScoped: false)[0]!["options"]![0]!;

        Assert.Equal(CommandIds.ProviderChoices, option["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.All(option["choices"]!.AsArray(), c => Assert.InRange(((string)c!["name"]!).Length, 1, DiscordLimits.ChoiceName));
        Assert.Null(option["autocomplete"]);
    }

    [Fact]
    public void MoreThan25Words_BecomeAutocomplete()
    {
        var option = DiscordCommands.ProviderOption(ThirtyWords);

        Assert.Null(option["choices"]);
        Assert.True((bool)option["autocomplete"]!);
        Assert.True((bool)option["required"]!);
    }

    [Fact]
    public void ExactlyTwentyFive_StayChoices()
    {
        var option = DiscordCommands.ProviderOption([.. ThirtyWords.Take(25)]);

        Assert.Equal(25, option["choices"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("", 25)]
    [InlineData("provider1", 10)]
    [InlineData("MID", 1)]
    [InlineData("zzz", 0)]
    public void Suggestions_MatchWhatWasTyped_AtMost25(string typed, int expected)
    {
        var suggestions = DiscordCommands.SuggestProviders(ThirtyWords, typed);

        Assert.Equal(expected, suggestions.Count);
    }

    [Fact]
    public void Suggestions_PrefixFirstThenContains_ByWireOrDisplayName()
    {
        var values = DiscordCommands.SuggestProviders(CommandIds.ProviderChoices, "a").Select(c => (string)c!["value"]!).ToList();

        Assert.Equal("anthropic", values[0]);
        Assert.Contains("all", values);
        Assert.Contains("gemini", DiscordCommands.SuggestProviders(CommandIds.ProviderChoices, "Gem").Select(c => (string)c!["value"]!));
    }

    [Fact]
    public async Task ProviderAutocomplete_AnswersWithMatchingProviders()
    {
        await using var h = await AdapterHarness.StartAsync();
        var payload = h.Fake.SlashCommand("diagnose", new JsonArray(new JsonObject { ["type"] = 3, ["name"] = "provider", ["value"] = "gem", ["focused"] = true }), guildId: AdapterHarness.Guild);
        payload["type"] = 4;

        var interaction = await h.Fake.InjectInteractionAsync(payload);
        await h.Fake.WaitUntilAsync(() => interaction.Callbacks.Count > 0, "the suggestions", TimeSpan.FromSeconds(20));

        Assert.Equal([8], interaction.Callbacks);
        Assert.Equal(["gemini"], interaction.CallbackData!["choices"]!.AsArray().Select(c => (string)c!["value"]!));
    }
}
