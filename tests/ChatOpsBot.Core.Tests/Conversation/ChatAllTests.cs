using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>
/// <c>/diagnose all</c> in chat means the team's keys: a team key of a newer provider (DeepSeek here) is checked beside
/// OpenAI's, and only OpenAI, Anthropic and Gemini are named when they have no team key.
/// </summary>
public sealed class ChatAllTests : IAsyncLifetime
{
    private readonly string _openAIKey = TestKeys.OpenAIProject();
    private readonly string _deepSeekKey = TestKeys.FromShape("deepseek");
    private FakeProviderServer _openai = null!;
    private FakeProviderServer _deepseek = null!;
    private ConversationHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync()).AsOpenAI(_openAIKey);
        _deepseek = (await FakeProviderServer.StartAsync()).AsDeepSeek(_deepSeekKey);
        _harness = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Providers:OpenAI:BaseUrl"] = _openai.BaseUrl.ToString(),
                ["Providers:DeepSeek:BaseUrl"] = _deepseek.BaseUrl.ToString(),
                ["TeamKeys:0:Name"] = "prod",
                ["TeamKeys:0:Provider"] = "openai",
                ["TeamKeys:0:KeyEnv"] = "PROD_OPENAI_KEY",
                ["TeamKeys:1:Name"] = "cheap",
                ["TeamKeys:1:Provider"] = "deepseek",
                ["TeamKeys:1:KeyEnv"] = "CHEAP_DEEPSEEK_KEY",
                ["Access:Telegram:UserIds:0"] = "42",
            },
            new Dictionary<string, string> { ["PROD_OPENAI_KEY"] = _openAIKey, ["CHEAP_DEEPSEEK_KEY"] = _deepSeekKey });
    }

    public async ValueTask DisposeAsync()
    {
        _harness.Dispose();
        Assert.Empty(_openai.Unexpected);
        Assert.Empty(_deepseek.Unexpected);
        await _openai.DisposeAsync();
        await _deepseek.DisposeAsync();
    }

    [Fact]
    public async Task All_ChecksEveryTeamKey_NewProvidersToo_AndNamesOnlyTheFirstThreeWhenMissing()
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm("/diagnose all", "42", ChatPlatform.Telegram));

        var final = sink.Last;
        Assert.Equal(["prod", "cheap"], final.Cards.Select(c => c.KeyName));
        Assert.Equal(["openai", "deepseek"], final.Cards.Select(c => c.Provider.Name));
        Assert.All(final.Cards, c => Assert.Equal(VerdictCodes.Ok, c.Verdict.Code));
        Assert.Contains("No team key is configured for Anthropic and Gemini: not checked.", final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mistral", final.Text, StringComparison.Ordinal);
        sink.AssertNoLeak([_openAIKey, _deepSeekKey]);
    }
}
