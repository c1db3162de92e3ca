using ChatOpsBot.Core.Tests.Conversation;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Revocation;

namespace ChatOpsBot.Core.Tests.Revocation;

/// <summary>xAI and OpenRouter keys pasted in a channel, revoked with a management key at fake APIs on 127.0.0.1.</summary>
public sealed class ManagementKeyRevocationTests
{
    private const string XAIKeyId = "ae1e1841-4326-4b36-a8a9-8a1a7237db11"; // RealXAI's /v1/api-key answer
    private static readonly string ManagementKey = "xai-mgmt-" + new string('H', 30) + "u4Ii" + new string('y', 20);
    private static readonly string OpenRouterManagementKey = "sk-or-v1-" + new string('e', 60) + "a1b2";

    [Fact]
    public async Task XAIKey_IsNamedByItsOwnAnswer_AndDeletedWithTheManagementKey_ASecondDeleteIs404()
    {
        var leaked = "xai-" + new string('G', 40) + "w3Er" + new string('t', 36);
        await using var api = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsXAI(leaked);
        await using var management = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var deleted = management.AsXAIManagement(ManagementKey, XAIKeyId);
        using var h = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Revocation:Enabled"] = "true",
                ["Revocation:XAI:AdminKeyEnv"] = "XAI_MANAGEMENT_KEY",
                ["Revocation:XAI:BaseUrl"] = management.BaseUrl.ToString(),
                ["Providers:XAI:BaseUrl"] = api.BaseUrl.ToString(),
            },
            new Dictionary<string, string> { ["XAI_MANAGEMENT_KEY"] = ManagementKey });

        var sink = await h.SendAsync(ConversationHarness.InChannel("grok key " + leaked));

        Assert.Contains("Revoked", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("team 5ea6f6bd-7815-4b8a-9135-28b2d7ba6722", sink.Last.Text, StringComparison.Ordinal);
        Assert.Equal([XAIKeyId], deleted);
        var own = Assert.Single(api.Requests);
        Assert.Equal("Bearer " + leaked, own.Header("Authorization"));
        Assert.Equal("Bearer " + ManagementKey, Assert.Single(management.Requests).Header("Authorization"));

        var again = await h.SendAsync(ConversationHarness.InChannel(leaked)); // RealXAI still knows the key: the delete answers 404
        Assert.Contains("xAI no longer has that key (404)", again.Last.Text, StringComparison.Ordinal);
        sink.AssertNoLeak(leaked, ManagementKey);
        again.AssertNoLeak(leaked, ManagementKey);
        LeakAssert.NoSecret(string.Join("\n", h.Logs.Select(r => r.Message)), leaked, ManagementKey);
    }

    [Fact]
    public async Task OpenRouterKey_MatchedByItsLabel_IsDeleted_AnAmbiguousLabelIsLeftAlone()
    {
        var leaked = TestKeys.For("openrouter");
        var twin = leaked[..12] + new string('0', leaked.Length - 16) + leaked[^4..];
        var other = TestKeys.For("openrouter");
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var deleted = server.AsOpenRouterKeys(OpenRouterManagementKey, [(new string('1', 64), "prod", leaked), (new string('2', 64), "dev", other)]);
        using var h = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Revocation:Enabled"] = "true",
                ["Revocation:OpenRouter:AdminKeyEnv"] = "OPENROUTER_MANAGEMENT_KEY",
                ["Revocation:OpenRouter:BaseUrl"] = new Uri(server.BaseUrl, "/api").ToString(),
            },
            new Dictionary<string, string> { ["OPENROUTER_MANAGEMENT_KEY"] = OpenRouterManagementKey });

        var sink = await h.SendAsync(ConversationHarness.InChannel(leaked));

        Assert.Contains("Revoked", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("key \"prod\"", sink.Last.Text, StringComparison.Ordinal);
        Assert.Equal([new string('1', 64)], deleted);
        Assert.Empty(server.Unexpected);
        sink.AssertNoLeak(leaked, other, OpenRouterManagementKey);

        await using var server2 = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var deleted2 = server2.AsOpenRouterKeys(OpenRouterManagementKey, [(new string('3', 64), "a", leaked), (new string('4', 64), "b", twin)]);
        using var h2 = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Revocation:Enabled"] = "true",
                ["Revocation:OpenRouter:AdminKeyEnv"] = "OPENROUTER_MANAGEMENT_KEY",
                ["Revocation:OpenRouter:BaseUrl"] = new Uri(server2.BaseUrl, "/api").ToString(),
            },
            new Dictionary<string, string> { ["OPENROUTER_MANAGEMENT_KEY"] = OpenRouterManagementKey });
        var ambiguous = await h2.SendAsync(ConversationHarness.InChannel(leaked));
        Assert.Contains("Not revoked: 2 keys fit", ambiguous.Last.Text, StringComparison.Ordinal);
        Assert.Empty(deleted2);
    }
}
