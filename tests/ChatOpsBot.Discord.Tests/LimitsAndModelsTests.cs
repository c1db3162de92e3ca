using System.Text.Json;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Testing.Discord;

namespace ChatOpsBot.Discord.Tests;

public sealed class LimitsAndModelsTests
{
    [Fact]
    public void Split_Long_PrefersLineBreaks_EveryPartWithinTheLimit()
    {
        var text = string.Join("\n", Enumerable.Range(0, 300).Select(i => $"line {i} with some words"));

        var parts = DiscordLimits.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= DiscordLimits.MessageContent));
        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts.SkipLast(1), p => Assert.EndsWith("\n", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Truncate_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 9) + "😀" + "tail";

        var cut = DiscordLimits.Truncate(text, 11);

        Assert.True(cut.Length <= 11);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CutsEveryEmbedLimit_AndTheTotal()
    {
        var embed = new DiscordEmbed
        {
            Title = new string('t', 300),
            Description = new string('d', 5000),
            Footer = new string('f', 3000),
            Fields = [.. Enumerable.Range(0, 30).Select(i => new DiscordEmbedField(new string('n', 300), new string('v', 2000)))],
        };

        var fitted = DiscordLimits.Fit(embed);

        Assert.Empty(DiscordLimits.Check(new DiscordMessageBody { Embeds = [fitted] }));
        Assert.True(DiscordLimits.EmbedLength(fitted) <= DiscordLimits.EmbedTotal);
        Assert.NotEmpty(DiscordLimits.Check(new DiscordMessageBody { Embeds = [embed] }));
    }

    [Fact]
    public void Check_ContentOver2000_AndLongNonce()
    {
        var problems = DiscordLimits.Check(new DiscordMessageBody { Content = new string('x', 2001), Nonce = new string('n', 26) });

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void MessageBody_Json_AlwaysEmptyAllowedMentions_NonceOnlyForChannelMessages()
    {
        var body = new DiscordMessageBody { Content = "hi", Nonce = "abc", EnforceNonce = true, Flags = 64 };

        Assert.Equal("""{"content":"hi","flags":64,"nonce":"abc","enforce_nonce":true,"allowed_mentions":{"parse":[]}}""", body.ToJson(channelMessage: true).ToJsonString());
        Assert.Equal("""{"content":"hi","flags":64,"allowed_mentions":{"parse":[]}}""", body.ToJson().ToJsonString());
    }

    [Fact]
    public async Task Interaction_Guild_HasMemberWithUlongPermissions()
    {
        await using var fake = await FakeDiscordServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var payload = fake.SlashCommand("diagnose", [new System.Text.Json.Nodes.JsonObject { ["type"] = 3, ["name"] = "provider", ["value"] = "gemini" }], guildId: 290926798626357999, permissions: (1UL << 52) | 8);

        var interaction = Parse(payload.ToJsonString());

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(290926798626357999UL, interaction.GuildId);
        Assert.Equal((1UL << 52) | 8, interaction.Member!.Permissions);
        Assert.Null(interaction.User);
        Assert.Equal(4242UL, interaction.Invoker.Id);
        Assert.Equal("gemini", interaction.Data!.Option("provider")!.StringValue);
        Assert.Equal(2248473465835073UL, interaction.AppPermissions);
        Assert.Equal(0, interaction.ChannelType);
        Assert.DoesNotContain(interaction.Token, interaction.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interaction_Dm_HasUser_ModalValuesAndButtons()
    {
        await using var fake = await FakeDiscordServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var modal = Parse(fake.ModalSubmit("key-modal", "key", "sk-test-value").ToJsonString());
        var button = Parse(fake.ButtonPress("rerun").ToJsonString());

        Assert.True(modal.IsDirectMessage);
        Assert.Null(modal.Member);
        Assert.Equal(4242UL, modal.Invoker.Id);
        Assert.Equal("sk-test-value", modal.Data!.ModalValue("key"));
        Assert.Equal(1, modal.ChannelType);
        Assert.Equal("rerun", button.Data!.CustomId);
        Assert.Equal(2, button.Data.ComponentType);
        Assert.NotNull(button.Message);
    }

    [Fact]
    public void Interaction_ModalInActionRows_TheOlderShape_StillRead()
    {
        const string json = """
            {"id":"1","application_id":"2","type":5,"token":"t","user":{"id":"3"},
             "data":{"custom_id":"m","components":[{"type":1,"components":[{"type":4,"custom_id":"key","value":"v"}]}]}}
            """;

        Assert.Equal("v", Parse(json).Data!.ModalValue("key"));
    }

    [Fact]
    public void Message_DmAndMentions()
    {
        const string json = """
            {"id":"10","channel_id":"20","author":{"id":"30","username":"u","bot":false},"content":"hi <@40>",
             "mentions":[{"id":"40","username":"bot","bot":true}]}
            """;
        using var doc = JsonDocument.Parse(json);

        var message = DiscordMessage.Parse(doc.RootElement);

        Assert.True(message.IsDirectMessage);
        Assert.False(message.Author.Bot);
        Assert.True(message.MentionsUser(40));
    }

    [Fact]
    public void Parse_MissingFields_ThrowsPayloadExceptionNamingTheField()
    {
        using var doc = JsonDocument.Parse("""{"id":"1","application_id":"2","type":2}""");

        var ex = Assert.Throws<DiscordPayloadException>(() => DiscordInteraction.Parse(doc.RootElement));

        Assert.Contains("token", ex.Message, StringComparison.Ordinal);
    }

    private static DiscordInteraction Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return DiscordInteraction.Parse(doc.RootElement.Clone());
    }
}
