using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Discord.Adapter;

namespace ChatOpsBot.Discord.Tests.Adapter;

/// <summary>The adapter logs failures with their exception (stack trace kept), and the logging pipeline scrubs it.</summary>
public sealed class AdapterLoggingTests
{
    [Fact]
    public async Task RegisteringCommandsFails_LogsTheExceptionItself_WithTheKeyInItsMessageScrubbed()
    {
        var echoed = TestKeys.Gemini();
        await using var h = await AdapterHarness.StartAsync(
            settings: (_, server) => server.FailNext("PUT /applications", 1, 400, $$"""{"message": "Invalid Form Body near {{echoed}}", "code": 50035}"""),
            waitForCommands: false,
            services: s => s.AddLogging(b => b.AddSecretScrubbing())); // as the host's logging pipeline does

        var record = await h.Logs.Collector.WaitForAsync(r => r.Is<DiscordAdapterService>(3), "the adapter's RegisterFailed", TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(LogLevel.Error, record.Level);
        Assert.NotNull(record.Exception);
        Assert.Equal("50035", record.Value("Code"));
        h.AssertNothingLeaked(echoed);
    }

    [Fact]
    public async Task RegisteringCommandsTimesOut_IsARegisterFailure_NotAnUnexpectedHandlerCrash()
    {
        await using var h = await AdapterHarness.StartAsync(settings: (_, server) => server.HangNext("PUT /applications"), waitForCommands: false);
        await h.Fake.WaitUntilAsync(() => h.Fake.HangingRequests == 1, "the bulk overwrite held");
        h.Time.Advance(TimeSpan.FromSeconds(30)); // Discord:RestTimeout, on the client's clock

        // RegisterFailed (3) or HandlerCrashed (20): whichever comes, it must be the first.
        var record = await h.Logs.Collector.WaitForAsync(r => r.Is<DiscordAdapterService>(3) || r.Is<DiscordAdapterService>(20), "the adapter's RegisterFailed or HandlerCrashed", TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.True(record.Is<DiscordAdapterService>(3), $"Expected RegisterFailed (retried at the next READY), got event {record.Id}."); // retried at the next READY
        Assert.IsType<TimeoutException>(record.Exception);
    }
}
