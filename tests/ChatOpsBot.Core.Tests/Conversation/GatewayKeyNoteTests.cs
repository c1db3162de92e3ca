using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>
/// An sk- key of no known provider format pasted in a DM is still checked as OpenAI's (gateways such as LiteLLM and
/// one-api issue these), and the reply says it may be a gateway's own key; named as OpenAI's, no such note.
/// </summary>
public sealed class GatewayKeyNoteTests
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static string GatewayKey()
    {
        var random = new Random(5);
        return "sk-" + new string([.. Enumerable.Range(0, 40).Select(_ => Alnum[random.Next(Alnum.Length)])]);
    }

    [Fact]
    public async Task Unnamed_SkKeyOfNoKnownFormat_CheckedAsOpenAI_WithAGatewayNote()
    {
        var key = GatewayKey();
        await using var gateway = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(key);
        using var harness = new ConversationHarness(new Dictionary<string, string?> { ["Providers:OpenAI:BaseUrl"] = gateway.BaseUrl.ToString() });
        harness.ValidateOnStart();

        var sink = await harness.SendAsync(ConversationHarness.Dm(key, "someone"));

        Assert.Equal("openai", Assert.Single(sink.Last.Cards).Provider.Name);
        Assert.Contains("may be a gateway's own key", sink.Last.Text, StringComparison.Ordinal);
        Assert.Single(gateway.Requests, r => r.Path.EndsWith("/models", StringComparison.Ordinal));
        sink.AssertNoLeak(key);
    }

    [Fact]
    public async Task NamedAsOpenAI_NoGatewayNote()
    {
        var key = GatewayKey();
        await using var gateway = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(key);
        using var harness = new ConversationHarness(new Dictionary<string, string?> { ["Providers:OpenAI:BaseUrl"] = gateway.BaseUrl.ToString() });
        harness.ValidateOnStart();

        var sink = await harness.SendAsync(ConversationHarness.Dm("openai " + key, "someone"));

        Assert.Single(sink.Last.Cards);
        Assert.DoesNotContain("gateway's own key", sink.Last.Text, StringComparison.Ordinal);
        sink.AssertNoLeak(key);
    }
}
