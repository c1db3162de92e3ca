using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Revocation;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using ChatOpsBot.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Revocation;

/// <summary>
/// Why a revoked team key fails, kept until the monitor's next alert on it: in the store, so another replica or a
/// restarted process still says it; in memory only when no alert could read it or the store does not take it.
/// </summary>
public sealed class RevokedKeyNotesTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Note = "Why: revoked by ChatOpsBot at 2026-11-27 12:00 UTC after it was pasted in a Discord channel.";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-notes-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly List<IMonitorStore> _stores = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_note_left_on_one_replica_is_said_once_by_another()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        var (a, b) = (Notes(Postgres(connectionString)), Notes(Postgres(connectionString)));

        await a.AddAsync("prod", Note, ct);

        Assert.Equal(Note, await b.PeekAsync("PROD", ct));
        Assert.Equal(Note, await b.TakeAsync("prod", ct));
        Assert.Null(await a.TakeAsync("prod", ct));
    }

    [Fact]
    public async Task With_monitor_targets_on_SQLite_a_note_survives_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = Sqlite();
        await Notes(before, targets: true).AddAsync("prod", Note, ct);
        await before.DisposeAsync();

        var restarted = Notes(Sqlite(), targets: true);

        Assert.Equal(Note, await restarted.TakeAsync("prod", ct));
        Assert.Null(await restarted.TakeAsync("prod", ct));
    }

    [Fact]
    public async Task Without_targets_or_a_shared_store_a_note_stays_in_memory_and_no_file_is_made()
    {
        var ct = TestContext.Current.CancellationToken;
        var notes = Notes(Sqlite(), targets: false);

        await notes.AddAsync("prod", Note, ct);

        Assert.Equal(Note, await notes.TakeAsync("prod", ct));
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public async Task A_note_the_store_cannot_take_is_kept_in_this_process()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var notes = Notes(Postgres($"Host=127.0.0.1;Port={port};Database=bot;Username=bot;Password=x;Timeout=2"));

        await notes.AddAsync("prod", Note, ct);

        Assert.Equal(Note, await notes.PeekAsync("prod", ct));
        Assert.Equal(Note, await notes.TakeAsync("prod", ct));
    }

    private RevokedKeyNotes Notes(IMonitorStore store, bool targets = false) => new(
        _time,
        NullLogger<RevokedKeyNotes>.Instance,
        store,
        Options.Create(new MonitorOptions { Targets = targets ? [new MonitorTargetSettings { Name = "prod", Provider = "openai", KeyEnv = "PROD_KEY" }] : [] }));

    private PostgresMonitorStore Postgres(string connectionString)
    {
        var store = new PostgresMonitorStore(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }),
            NullLogger<PostgresMonitorStore>.Instance);
        _stores.Add(store);
        return store;
    }

    private MonitorStore Sqlite()
    {
        var store = new MonitorStore(Options.Create(new StorageOptions { DataDirectory = _directory }), NullLogger<MonitorStore>.Instance);
        _stores.Add(store);
        return store;
    }
}
