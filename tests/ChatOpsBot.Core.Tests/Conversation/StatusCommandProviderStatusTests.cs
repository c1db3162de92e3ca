using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Monitor;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary><c>/status</c> shows each team-key provider's own status page beside the team's keys.</summary>
public sealed class StatusCommandProviderStatusTests : IAsyncLifetime
{
    private readonly string _openAIKey = TestKeys.OpenAIProject();
    private readonly string _geminiKey = TestKeys.Gemini();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 3, 14, 0, 0, TimeSpan.Zero));
    private FakeProviderServer _page = null!;
    private FakeProviderServer _discordPage = null!;

    public async ValueTask InitializeAsync()
    {
        _page = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsStatusPage("openai-degraded", "openai-incidents");
        _discordPage = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsStatusPage("discord-incident");
    }

    public async ValueTask DisposeAsync()
    {
        await _page.DisposeAsync();
        await _discordPage.DisposeAsync();
    }

    private ConversationHarness Harness(IMonitorControl? monitor) => new(
        new Dictionary<string, string?>
        {
            ["TeamKeys:0:Name"] = "prod",
            ["TeamKeys:0:Provider"] = "openai",
            ["TeamKeys:0:KeyEnv"] = "PROD_OPENAI_KEY",
            ["TeamKeys:1:Name"] = "vision",
            ["TeamKeys:1:Provider"] = "gemini",
            ["TeamKeys:1:KeyEnv"] = "VISION_KEY",
            ["Access:Discord:RoleIds:0"] = "111",
            ["StatusPages:OpenAI:Url"] = _page.BaseUrl.AbsoluteUri,
            ["StatusPages:Discord:Url"] = _discordPage.BaseUrl.AbsoluteUri,
        },
        new Dictionary<string, string> { ["PROD_OPENAI_KEY"] = _openAIKey, ["VISION_KEY"] = _geminiKey },
        _time,
        services =>
        {
            if (monitor is not null)
            {
                services.AddSingleton(monitor);
            }
        });

    private static IncomingMessage Team(string text) => ConversationHarness.InChannel(text, "u1", "111");

    [Fact]
    public async Task Status_with_the_monitor_lists_the_providers_own_status_after_the_keys()
    {
        var now = _time.GetUtcNow();
        var monitor = new InMemoryMonitorControl(_time).WithTarget(InMemoryMonitorControl.Target("prod", ProviderId.OpenAI, TargetState.Failing,
            InMemoryMonitorControl.History(now, TimeSpan.FromMinutes(15), _ => true, "provider.server_error", TimeSpan.FromMilliseconds(200)), now, now - TimeSpan.FromHours(1)));
        using var harness = Harness(monitor);

        var sink = await harness.SendAsync(Team("/status"));

        var text = Assert.Single(sink.Replies).Text;
        var keys = text.IndexOf("prod", StringComparison.Ordinal);
        var providers = text.IndexOf("Providers say (their status pages):", StringComparison.Ordinal);
        Assert.InRange(keys, 0, providers);
        Assert.Contains("⚠️ OpenAI: \"Elevated error rates\" (investigating, since 2026-09-03 13:30 UTC)", text, StringComparison.Ordinal);
        Assert.Contains("🔗 Gemini: no status a program can read — https://aistudio.google.com/status", text, StringComparison.Ordinal);
        Assert.Contains("⚠️ Discord: \"Unplanned Database Outage\" (identified) on API", text, StringComparison.Ordinal); // asked from Discord
        sink.AssertNoLeak(_openAIKey, _geminiKey);
    }

    [Fact]
    public async Task Status_without_the_monitor_still_shows_the_providers_own_status()
    {
        using var harness = Harness(null);

        var sink = await harness.SendAsync(Team("/status"));

        var text = Assert.Single(sink.Replies).Text;
        Assert.Contains("2 team keys are configured: prod, vision", text, StringComparison.Ordinal);
        Assert.Contains("⚠️ OpenAI: \"Elevated error rates\"", text, StringComparison.Ordinal);
        sink.AssertNoLeak(_openAIKey, _geminiKey);
    }

    [Fact]
    public async Task Status_for_someone_outside_the_team_shows_no_provider_block()
    {
        using var harness = Harness(null);

        var sink = await harness.SendAsync(ConversationHarness.InChannel("/status"));

        Assert.DoesNotContain("Providers say", Assert.Single(sink.Replies).Text, StringComparison.Ordinal);
        Assert.Empty(_page.Requests);
        Assert.Empty(_discordPage.Requests);
    }
}
