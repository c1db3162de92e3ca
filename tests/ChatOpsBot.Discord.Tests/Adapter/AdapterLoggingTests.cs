using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

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

        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(20)); // a safety net, not a sleep
        FakeLogRecord? record = null;
        await foreach (var r in h.Logs.Collector.GetLogsAsync(safety.Token))
        {
            if (r.Message.Contains("registering commands failed", StringComparison.Ordinal))
            {
                record = r;
                break;
            }
        }

        Assert.NotNull(record);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.NotNull(record.Exception);
        Assert.Contains("50035", record.Message + record.Exception, StringComparison.Ordinal);
        h.AssertNothingLeaked(echoed);
    }

    [Fact]
    public async Task RegisteringCommandsTimesOut_IsARegisterFailure_NotAnUnexpectedHandlerCrash()
    {
        await using var h = await AdapterHarness.StartAsync(settings: (_, server) => server.HangNext("PUT /applications"), waitForCommands: false);
        await h.Fake.WaitUntilAsync(() => h.Fake.HangingRequests == 1, "the bulk overwrite held");
        h.Time.Advance(TimeSpan.FromSeconds(30)); // Discord:RestTimeout, on the client's clock

        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(20)); // a safety net, not a sleep
        FakeLogRecord? record = null;
        await foreach (var r in h.Logs.Collector.GetLogsAsync(safety.Token))
        {
            if (r.Message.Contains("registering commands failed", StringComparison.Ordinal) || r.Message.Contains("failed unexpectedly", StringComparison.Ordinal))
            {
                record = r;
                break;
            }
        }

        Assert.NotNull(record);
        Assert.Contains("registering commands failed", record.Message, StringComparison.Ordinal); // retried at the next READY
        Assert.IsType<TimeoutException>(record.Exception);
    }
}
