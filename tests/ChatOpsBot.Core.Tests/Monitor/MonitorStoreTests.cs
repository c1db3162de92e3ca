using ChatOpsBot.Core.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>The SQLite store: its file, lock and errors here; what every store must do in <see cref="Store.StoreBehaviourTests"/>.</summary>
public sealed class MonitorStoreTests : Store.StoreBehaviourTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private MonitorStore CreateSut(string? directory = null) =>
        new(Options.Create(new StorageOptions { DataDirectory = directory ?? _directory, BusyTimeout = TimeSpan.FromSeconds(1) }), NullLogger<MonitorStore>.Instance);

    protected override Task<IMonitorStore> CreateStoreAsync() => Task.FromResult<IMonitorStore>(CreateSut());

    protected override Task<long> CountRowsAsync(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, MonitorStore.FileName)};Pooling=False");
        connection.Open();
        return Task.FromResult((long)Scalar(connection, $"SELECT COUNT(*) FROM {table};")!);
    }

    [Fact]
    public async Task OpenAsync_SchemaOneFile_IsMigratedKeepingItsData()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var store = CreateSut())
        {
            await store.SetMuteAsync("prod", Now.AddHours(1), "alice", ct);
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, MonitorStore.FileName)};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "DROP TABLE chat_results; DROP TABLE user_checks; DROP TABLE revocation_notes; DROP TABLE checkpoints; PRAGMA user_version = 1;"); // as schema 1 left it
        }

        await using var migrated = CreateSut();
        Assert.Equal(Now.AddHours(1), (await migrated.GetMutesAsync(Now, ct))["prod"]);
        await migrated.SetRevocationNoteAsync("prod", "Why: revoked", Now, ct);
        Assert.Equal("Why: revoked", await migrated.TakeRevocationNoteAsync("prod", ct));
        await migrated.SetCheckpointAsync("telegram-offset:1", "10", Now, ct); // schema 3 too
        Assert.Equal("10", await migrated.GetCheckpointAsync("telegram-offset:1", ct));
    }

    [Fact]
    public async Task Leases_OneProcess_EveryLeaseIsGrantedAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = CreateSut();

        Assert.False(store.IsShared);
        Assert.True(await store.TryAcquireLeaseAsync("telegram-polling", Now, TimeSpan.FromSeconds(30), ct));
        Assert.True(await store.TryAcquireLeaseAsync("telegram-polling", Now, TimeSpan.FromSeconds(30), ct));
        await store.ReleaseLeaseAsync("telegram-polling", ct);
        await store.PingAsync(ct);
    }

    [Fact]
    public void NativeSqlite_LoadsOnThisPlatform()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";

        var version = (string)command.ExecuteScalar()!;

        Assert.Matches(@"^3\.\d+\.\d+$", version);
    }

    [Fact]
    public async Task OpenAsync_NewDirectory_CreatesMigratedStoreInWalMode()
    {
        await using (var store = CreateSut(Path.Combine(_directory, "nested", "data")))
        {
            await store.OpenAsync(TestContext.Current.CancellationToken);
            Assert.True(File.Exists(store.FilePath));
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "nested", "data", MonitorStore.FileName)};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(3L, Scalar(connection, "PRAGMA user_version;"));
        var tables = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Superset(new HashSet<string> { "checks", "destinations", "mutes", "outbox", "subscriptions", "target_state", "chat_results", "user_checks", "revocation_notes" }, tables.ToHashSet());
    }

    [Fact]
    public async Task OpenAsync_FileIsNotADatabase_ErrorNamesThePath()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, MonitorStore.FileName);
        await File.WriteAllTextAsync(path, "this is not a database, just some text that happens to be long enough to fill a header page.\n" + new string('x', 4096), TestContext.Current.CancellationToken);
        await using var store = CreateSut();

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => store.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FileHeldByAnotherBot_ErrorNamesThePathAndTheCause()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = CreateSut();
        await first.OpenAsync(ct);
        await using var second = CreateSut();

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => second.OpenAsync(ct));

        Assert.Contains(first.FilePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("locked by another process", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_DataDirectoryIsAFile_ErrorNamesTheDirectorySetting()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x", TestContext.Current.CancellationToken);
        await using var store = CreateSut(Path.Combine(blocker, "data"));

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => store.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Contains(Path.Combine(blocker, "data"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewerSchema_RefusesWithAClearError()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, MonitorStore.FileName);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        await using var store = CreateSut();
        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => store.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("newer", ex.Message, StringComparison.Ordinal);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
