using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Interactions;
using ChatOpsBot.Discord.Models;
using ChatOpsBot.Discord.Rest;

namespace ChatOpsBot.Discord.Tests.Interactions;

/// <summary>
/// The HTTP answer when a handler ends: a handler that failed before answering gets an answer at once (not a private
/// "thinking…" at the endpoint's deadline that nobody ever replaces); one that answered keeps its answer.
/// </summary>
public sealed class HttpInteractionResponderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandlerEnded_WithoutAnAnswer_AnswersAPrivateNote_AtOnce()
    {
        var responder = new HttpInteractionResponder();

        responder.HandlerEnded(Interaction(InteractionType.ApplicationCommand));

        Assert.True(responder.Answer.IsCompleted);
        var answer = await responder.Answer;
        Assert.Equal(4, (int)answer["type"]!);
        Assert.Equal(64, (int)answer["data"]!["flags"]!);
        Assert.Equal(HttpInteractionResponder.NotHandled, (string?)answer["data"]!["content"]);
        Assert.Equal("""{"parse":[]}""", answer["data"]!["allowed_mentions"]!.ToJsonString());
    }

    [Fact]
    public async Task HandlerEnded_AutocompleteWithoutAnAnswer_AnswersNoChoices()
    {
        var responder = new HttpInteractionResponder();

        responder.HandlerEnded(Interaction(InteractionType.ApplicationCommandAutocomplete));

        var answer = await responder.Answer;
        Assert.Equal(8, (int)answer["type"]!);
        Assert.Empty(Assert.IsType<JsonArray>(answer["data"]!["choices"]));
    }

    [Fact]
    public async Task HandlerEnded_AfterItAnswered_KeepsItsAnswer()
    {
        var responder = new HttpInteractionResponder();
        var interaction = Interaction(InteractionType.ApplicationCommand);
        var responding = responder.RespondAsync(interaction, InteractionCallbackType.DeferredChannelMessageWithSource, null, Ct);
        responder.Written(ok: true);
        await responding;

        responder.HandlerEnded(interaction);

        Assert.Equal("""{"type":5}""", (await responder.Answer).ToJsonString());
    }

    [Theory]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","member":{"roles":[]},"guild_id":"5"}""")]
    [InlineData("""{"id":"1","application_id":"2","type":3,"token":"t","member":false}""")]
    [InlineData("""{"id":"1","application_id":"2","type":4,"token":"t"}""")]
    public void Parse_NoOneInvokedIt_IsAPayloadError(string json)
    {
        using var doc = JsonDocument.Parse(json);

        var ex = Assert.Throws<DiscordPayloadException>(() => DiscordInteraction.Parse(doc.RootElement));

        Assert.Contains("member.user", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t\ud800","user":{"id":"3"}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3"},"data":{"name":"diag\udc00"}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3"},"data":{"name":"diagnose","options":[{"name":"provider","type":3,"value":"gem\ud83d"}]}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":3,"token":"t","user":{"id":"3"},"data":{"custom_id":"x","values":["\udfff"]}}""")]
    [InlineData("""{"id":"\ud800","application_id":"2","type":2,"token":"t","user":{"id":"3"}}""")]
    public void Parse_HalfASurrogatePair_IsAPayloadError_NotAnInvalidOperation(string json)
    {
        using var doc = JsonDocument.Parse(json);

        var ex = Assert.Throws<DiscordPayloadException>(() => DiscordInteraction.Parse(doc.RootElement));

        Assert.Contains("not valid text", ex.Message, StringComparison.Ordinal);
    }

    private static DiscordInteraction Interaction(InteractionType type)
    {
        using var doc = JsonDocument.Parse($$$"""{"id":"1","application_id":"2","type":{{{(int)type}}},"token":"t","user":{"id":"3"}}""");
        return DiscordInteraction.Parse(doc.RootElement.Clone());
    }
}
