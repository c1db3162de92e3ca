using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Revocation;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>
/// A team key that ChatOpsBot revoked: the notice reaches the target's alert destination through the real outbox, and
/// the monitor's next alert on the target says why it fails.
/// </summary>
public sealed class RevokedTeamKeyTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-revoked-" + Guid.NewGuid().ToString("N"));
    private readonly string _key = TestKeys.OpenAIProject();
    private readonly Dictionary<string, string> _environment = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingDestination _discord = new("discord");
    private FakeProviderServer _openai = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(_key);
        _environment["PROD_KEY"] = _key;
    }

    public async ValueTask DisposeAsync()
    {
        await _openai.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_team_is_told_and_the_next_failure_alert_says_the_key_was_revoked_by_ChatOpsBot()
    {
        await using var harness = await MonitorHarness.StartAsync(MonitorHarness.Settings(_directory, _openai.BaseUrl, ("prod", "PROD_KEY", "discord:111")), _environment, _time, _discord);
        await harness.StepAsync(); // works

        var at = _time.GetUtcNow();
        await harness.Services.GetRequiredService<RevokedKeyNotes>().AddAsync("prod", LeakRevocationTexts.MonitorNote("a Discord channel", at), TestContext.Current.CancellationToken);
        var notice = new Reply { Kind = ReplyKind.Alert, Visibility = ReplyVisibility.Public, Text = "🔒 Team key prod (OpenAI sk-proj-…" + _key[^4..] + ") was revoked by ChatOpsBot" };
        var queued = await harness.Services.GetRequiredService<ITeamNotices>().QueueAsync(["prod"], notice, TestContext.Current.CancellationToken);
        Assert.Equal(1, queued);
        _environment["PROD_KEY"] = TestKeys.OpenAIProject(); // what a revoked key looks like to the monitor: 401
        await harness.StepAsync(); // 1st failure (no alert yet); the notice is delivered
        await _discord.WaitForAttemptsAsync();
        Assert.Contains("was revoked by ChatOpsBot", Assert.Single(_discord.Posted).Alert.Text, StringComparison.Ordinal);

        await harness.StepAsync(); // 2nd failure: the alert
        await _discord.WaitForAttemptsAsync(); // the alert

        var alert = MonitorHarness.Render(_discord.Posted[^1].Alert);
        Assert.Contains("is failing", alert, StringComparison.Ordinal);
        Assert.Contains("Why: revoked by ChatOpsBot at 2026-11-27 12:0", alert, StringComparison.Ordinal);
        Assert.Contains("pasted in a Discord channel", alert, StringComparison.Ordinal);
        Assert.Null(await harness.Services.GetRequiredService<RevokedKeyNotes>().PeekAsync("prod", TestContext.Current.CancellationToken)); // said once
        LeakAssert.NoSecret(alert + harness.LogText, _key);
        MonitorHarness.AssertNoLeakInFiles(_directory, _key);
    }
}
