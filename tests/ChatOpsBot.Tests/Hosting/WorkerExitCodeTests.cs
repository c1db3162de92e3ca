using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>The worker's exit status: a fatal stop is non-zero, so a restart policy (on-failure) restarts it.</summary>
public sealed class WorkerExitCodeTests
{
    [Fact]
    public async Task Worker_DiscordRefusesTheToken_ExitsOne()
    {
        await using var discord = await FakeDiscordServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var wrongToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Other0.another-token-the-fake-expects";
        var env = new Dictionary<string, string> { ["Discord__Token"] = wrongToken, ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString() };
        using var safety = SafetyNet();

        var result = await CliHarness.RunAsync([], env, cancellationToken: safety.Token);

        Assert.False(safety.IsCancellationRequested, "the worker did not stop on its own");
        Assert.Equal(1, result.ExitCode);
        LeakAssert.NoSecret(result.All, wrongToken);
    }

    [Fact]
    public async Task Worker_ABackgroundServiceCrashes_ExitsOne()
    {
        using var safety = SafetyNet();

        var result = await CliHarness.RunAsync([], configure: s => s.AddHostedService<CrashingService>(), cancellationToken: safety.Token);

        Assert.False(safety.IsCancellationRequested, "the worker did not stop on its own");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("chatopsbot: the worker stopped after a failure", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_StoppedByCtrlCBeforeItStarted_ExitsZero()
    {
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        var result = await CliHarness.RunAsync([], cancellationToken: stopped.Token);

        Assert.Equal(0, result.ExitCode);
    }

    private static CancellationTokenSource SafetyNet()
    {
        var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net, not a sleep
        return safety;
    }

    private sealed class CrashingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("a bug in a background service");
        }
    }
}
