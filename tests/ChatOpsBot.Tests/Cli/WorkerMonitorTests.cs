using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.TeamKeys;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Cli;

/// <summary>The worker with the monitor wired in: its start-up errors are one clear line and an exit code.</summary>
public sealed class WorkerMonitorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-worker-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Action<IServiceCollection> Target(TimeSpan interval) => s =>
    {
        s.Configure<StorageOptions>(o => o.DataDirectory = _directory);
        s.Configure<TeamKeysOptions>(o => o.MonitorTargets.Add(new TeamKeySettings { Name = "prod", Provider = "openai", KeyEnv = "PROD_KEY" }));
        s.Configure<MonitorOptions>(o => o.Targets.Add(new MonitorTargetSettings { Name = "prod", Provider = "openai", KeyEnv = "PROD_KEY", Interval = interval }));
    };

    [Fact]
    public async Task Worker_StoreFileNotADatabase_ExitsOneNamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, MonitorStore.FileName);
        await File.WriteAllTextAsync(path, new string('#', 8192), TestContext.Current.CancellationToken);

        var result = await CliHarness.RunAsync([], configure: Target(TimeSpan.FromMinutes(5)));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"chatopsbot: The monitor's store {path} could not be opened: it is not a SQLite database", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_IntervalTooShort_ExitsTwoNamingTheSetting()
    {
        var result = await CliHarness.RunAsync([], configure: Target(TimeSpan.FromSeconds(1)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("chatopsbot: configuration error: Monitor:Targets:0:Interval must be at least 00:00:05.", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }
}
