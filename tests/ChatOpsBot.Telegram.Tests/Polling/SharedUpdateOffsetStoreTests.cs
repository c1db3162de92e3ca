using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using ChatOpsBot.Telegram.Polling;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Telegram.Tests.Polling;

/// <summary>
/// The offset in a store shared by replicas. The store here is the SQLite one (the same calls as PostgreSQL's, which
/// the store tests run on both); each replica has its own data directory for its file, as replicas on separate machines.
/// </summary>
public sealed class SharedUpdateOffsetStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-shared-offset-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ReplicaStoppedWhileAnUpdateWasInProgress_TheNextReplicaDoesNotHandleAgainWhatTheFirstHandled()
    {
        var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        await using var serverLifetime = server;
        await using var store = new MonitorStore(Options.Create(new StorageOptions { DataDirectory = Path.Combine(_directory, "shared") }), NullLogger<MonitorStore>.Instance);
        var slow = server.EnqueuePrivateMessage(1, "slow");
        var other = server.EnqueuePrivateMessage(2, "/help");

        // Replica 1: chat 1's update hangs; chat 2's is handled. Then it is gone (Telegram was never told past the slow one).
        await using (var h1 = await TelegramHarness.StartAsync(server: server, services: s => s.AddSingleton<IUpdateOffsetStore>(SharedFactory(store, "replica-1"))))
        {
            h1.Handler.HangOn.Add(slow);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var run = h1.Poller.RunAsync(stop.Token);
            await h1.Handler.WaitAsync(2);
            Assert.Equal([other], h1.Handler.HandledIds);
            await stop.CancelAsync();
            await run;
        }

        Assert.Equal($"{slow}\n{other}", await store.GetCheckpointAsync(SharedUpdateOffsetStore.Key(server.BotId), Ct));
        Assert.DoesNotContain(server.CallsOf("getUpdates"), p => p.Number("offset") > slow); // Telegram still holds both

        // Replica 2, on another machine (no file of its own): takes over from the shared checkpoint.
        await using var h2 = await TelegramHarness.StartAsync(server: server, services: s => s.AddSingleton<IUpdateOffsetStore>(SharedFactory(store, "replica-2")));
        using var stop2 = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run2 = h2.Poller.RunAsync(stop2.Token);
        await server.WaitForPollAsync(other + 1);
        await stop2.CancelAsync();
        await run2;

        Assert.Equal([slow], h2.Handler.HandledIds); // chat 2's /help is not answered twice
        Assert.Equal((other + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await store.GetCheckpointAsync(SharedUpdateOffsetStore.Key(server.BotId), Ct));
        Assert.DoesNotContain(h2.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        h2.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task LoadAsync_LocalFileFurtherThanTheSharedStore_TheFurtherOneWins_AndAnotherBotsIsNotUsed()
    {
        await using var store = new MonitorStore(Options.Create(new StorageOptions { DataDirectory = Path.Combine(_directory, "shared") }), NullLogger<MonitorStore>.Instance);
        var shared = Shared(store, "replica-1");
        await store.SetCheckpointAsync(SharedUpdateOffsetStore.Key(111), "100", DateTimeOffset.UnixEpoch, Ct);
        using var file = new FileUpdateOffsetStore(Path.Combine(_directory, "replica-1"));
        await file.SaveAsync(111, new UpdateCheckpoint(120, [122]), Ct); // saved while the shared store was down

        Assert.Equal(new UpdateCheckpoint(120, [122]), await shared.LoadAsync(111, Ct));
        await store.SetCheckpointAsync(SharedUpdateOffsetStore.Key(111), "130", DateTimeOffset.UnixEpoch, Ct); // another replica got further since
        Assert.Equal(new UpdateCheckpoint(130), await shared.LoadAsync(111, Ct));
        Assert.Null(await shared.LoadAsync(222, Ct));
    }

    [Fact]
    public async Task RunAsync_SharedStoreDown_OneWarningAndPollingGoesOnWithTheFile()
    {
        Directory.CreateDirectory(_directory);
        var notADirectory = Path.Combine(_directory, "shared-is-a-file");
        await File.WriteAllTextAsync(notADirectory, "x", Ct);
        await using var store = new MonitorStore(Options.Create(new StorageOptions { DataDirectory = notADirectory }), NullLogger<MonitorStore>.Instance);
        await using var h = await TelegramHarness.StartAsync(services: s => s.AddSingleton<IUpdateOffsetStore>(sp =>
            new SharedUpdateOffsetStore(store, new FileUpdateOffsetStore(Path.Combine(_directory, "replica-1")), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SharedUpdateOffsetStore>>())));
        var first = h.Server.EnqueuePrivateMessage(42, "one");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(first + 1);
        var second = h.Server.EnqueuePrivateMessage(43, "two");
        await h.Server.WaitForPollAsync(second + 1);
        await stop.CancelAsync();

        Assert.Equal(PollerStopReason.Stopped, await run);
        Assert.Equal([first, second], h.Handler.HandledIds);
        var warning = Assert.Single(h.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.True(warning.Is<SharedUpdateOffsetStore>(1), $"Expected Failed, got {warning.Category} event {warning.Id}.");
        Assert.Equal($"bot {h.Server.BotId}\n{second + 1}", await File.ReadAllTextAsync(Path.Combine(_directory, "replica-1", FileUpdateOffsetStore.FileName), Ct));
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public void AddTelegram_SharedStore_TheOffsetIsKeptInItAndInTheFile()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<IMonitorStore>(new PostgresMonitorStore(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=127.0.0.1;Port=1;Username=bot;Password=never-used" }),
            NullLogger<PostgresMonitorStore>.Instance)); // not opened: choosing the offset store touches no database
        services.AddTelegram();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SharedUpdateOffsetStore>(provider.GetRequiredService<IUpdateOffsetStore>());
    }

    [Fact]
    public void AddTelegram_StoreNotShared_TheFileAlone()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<IMonitorStore>(new MonitorStore(Options.Create(new StorageOptions { DataDirectory = _directory }), NullLogger<MonitorStore>.Instance));
        services.AddTelegram();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<FileUpdateOffsetStore>(provider.GetRequiredService<IUpdateOffsetStore>());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Func<IServiceProvider, IUpdateOffsetStore> SharedFactory(IMonitorStore store, string replica) => sp => Shared(store, replica, sp);

    private SharedUpdateOffsetStore Shared(IMonitorStore store, string replica, IServiceProvider? sp = null) =>
        new(store, new FileUpdateOffsetStore(Path.Combine(_directory, replica)), sp?.GetRequiredService<TimeProvider>() ?? TimeProvider.System,
            sp?.GetRequiredService<ILogger<SharedUpdateOffsetStore>>() ?? NullLogger<SharedUpdateOffsetStore>.Instance);
}
