using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Tests.Monitor;

public sealed class MonitorStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
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
        Assert.Equal(1L, Scalar(connection, "PRAGMA user_version;"));
        var tables = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Superset(new HashSet<string> { "checks", "destinations", "mutes", "outbox", "subscriptions", "target_state" }, tables.ToHashSet());
    }

    [Fact]
    public async Task Reopen_KeepsStateOutboxMutesAndSubscriptions()
    {
        var ct = TestContext.Current.CancellationToken;
        var record = new TargetRecord { State = TargetState.Failing, Code = VerdictCodes.AuthInvalidKey, Severity = Severity.Error, NotifiedCode = VerdictCodes.AuthInvalidKey, Since = Now, Changes = [Now] };
        await using (var store = CreateSut())
        {
            await store.RecordCheckAsync(new CheckRow("prod", Now, false, VerdictCodes.AuthInvalidKey, TimeSpan.FromMilliseconds(120)), record,
                [new OutboxEntry("telegram:-100123", "prod", "failing", "0123456789abcdef0123", "{\"Kind\":\"Alert\"}", Now)], Now, ct);
            await store.SetMuteAsync("prod", Now.AddHours(1), "alice", ct);
            Assert.True(await store.AddSubscriptionAsync("discord:42", "bob", Now, ct));
            Assert.False(await store.AddSubscriptionAsync("discord:42", "bob", Now, ct));
        }

        await using var reopened = CreateSut();
        var states = await reopened.LoadStatesAsync(ct);
        Assert.Equal(record with { }, states["prod"] with { Changes = record.Changes });
        Assert.Equal([Now], states["prod"].Changes);
        var pending = Assert.Single(await reopened.GetPendingAsync(ct));
        Assert.Equal(("telegram:-100123", "0123456789abcdef0123", 0), (pending.Destination, pending.DedupeKey, pending.Attempts));
        Assert.Equal(Now.AddHours(1), (await reopened.GetMutesAsync(Now, ct))["prod"]);
        Assert.Empty(await reopened.GetMutesAsync(Now.AddHours(2), ct));
        Assert.Equal("discord:42", Assert.Single(await reopened.GetSubscriptionsAsync(ct)).Destination);
        var check = Assert.Single(await reopened.GetChecksAsync("prod", Now.AddMinutes(-1), ct));
        Assert.Equal(TimeSpan.FromMilliseconds(120), check.Latency);
    }

    [Fact]
    public async Task MarkFailed_HoldsLaterEntriesOfTheDestinationAndReturnsThePreviousProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = CreateSut();
        await store.EnqueueAsync(
            [new OutboxEntry("discord:1", "a", "failing", "k1", "{}", Now), new OutboxEntry("discord:1", "a", "recovered", "k2", "{}", Now), new OutboxEntry("discord:2", "a", "failing", "k3", "{}", Now)],
            Now, ct);
        var due = await store.GetDueAsync(Now, 10, ct);

        Assert.Null(await store.MarkFailedAsync(due[0], Now.AddMinutes(1), "503", ct));
        Assert.Equal("503", await store.MarkFailedAsync(due[0], Now.AddMinutes(2), "403", ct));

        Assert.Equal(["k3"], (await store.GetDueAsync(Now.AddSeconds(90), 10, ct)).Select(r => r.DedupeKey));
        Assert.Equal(["k1", "k2", "k3"], (await store.GetDueAsync(Now.AddMinutes(2), 10, ct)).Select(r => r.DedupeKey));
        Assert.Equal("403", await store.MarkDeliveredAsync(due[0], Now.AddMinutes(2), ct));
        var destinations = await store.GetDestinationsAsync(ct);
        var d1 = Assert.Single(destinations, d => d.Row.Destination == "discord:1");
        Assert.Null(d1.Row.Problem);
        Assert.Equal(1, d1.Waiting);
        Assert.Equal(Now.AddMinutes(2), d1.Row.LastDelivered);
    }

    [Fact]
    public async Task GetDue_AnEntryQueuedWhileAnOlderOneBacksOff_WaitsBehindIt_AndNextDueIsTheOlderOnesRetry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = CreateSut();
        await store.EnqueueAsync([new OutboxEntry("discord:1", "a", "failing", "k1", "{}", Now)], Now, ct);
        var first = Assert.Single(await store.GetDueAsync(Now, 10, ct));
        await store.MarkFailedAsync(first, Now.AddSeconds(20), "503", ct); // backing off until +20 s

        // The target recovers 10 s later: its notice is queued behind the failing alert, which has not gone out yet.
        await store.EnqueueAsync([new OutboxEntry("discord:1", "a", "recovered", "k2", "{}", Now.AddSeconds(10)), new OutboxEntry("discord:2", "a", "recovered", "k3", "{}", Now.AddSeconds(10))], Now.AddSeconds(10), ct);

        Assert.Equal(["k3"], (await store.GetDueAsync(Now.AddSeconds(10), 10, ct)).Select(r => r.DedupeKey));
        Assert.Equal(Now.AddSeconds(10), await store.NextDueAsync(ct)); // discord:2's notice
        await store.MarkDeliveredAsync((await store.GetDueAsync(Now.AddSeconds(10), 10, ct))[0], Now.AddSeconds(10), ct);
        Assert.Equal(Now.AddSeconds(20), await store.NextDueAsync(ct)); // not k2's +10 s: it goes after k1
        Assert.Equal(["k1", "k2"], (await store.GetDueAsync(Now.AddSeconds(20), 10, ct)).Select(r => r.DedupeKey));
    }

    [Fact]
    public async Task PruneAsync_RemovesOldHistoryAndDeliveredAlertsButKeepsUndeliveredOnesHoweverOld()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = CreateSut();
        var record = new TargetRecord { State = TargetState.Healthy };
        await store.RecordCheckAsync(new CheckRow("prod", Now.AddDays(-40), true, "ok", TimeSpan.Zero), record,
            [new OutboxEntry("discord:1", "prod", "failing", "old-sent", "{}", Now.AddDays(-40)), new OutboxEntry("discord:2", "prod", "failing", "old-waiting", "{}", Now.AddDays(-40))], Now.AddDays(-40), ct);
        await store.MarkDeliveredAsync((await store.GetPendingAsync(ct)).Single(r => r.DedupeKey == "old-sent"), Now.AddDays(-40), ct);
        await store.RecordCheckAsync(new CheckRow("prod", Now, true, "ok", TimeSpan.Zero), record, [new OutboxEntry("discord:1", "prod", "failing", "new", "{}", Now)], Now, ct);

        Assert.Equal(new PruneResult(2, 1), await store.PruneAsync(Now.AddDays(-30), ct));

        Assert.Single(await store.GetChecksAsync("prod", Now.AddDays(-50), ct));
        Assert.Equal(["new", "old-waiting"], (await store.GetPendingAsync(ct)).Select(r => r.DedupeKey).Order(StringComparer.Ordinal));
        Assert.Contains(await store.GetDestinationsAsync(ct), d => d.Row.Destination == "discord:2" && d.Waiting == 1); // /alerts list counts it
    }

    [Fact]
    public async Task PruneAsync_AfterAForwardClockJump_NoUndeliveredAlertIsLost()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = CreateSut();
        await store.RecordCheckAsync(new CheckRow("prod", Now, false, "auth.invalid_key", TimeSpan.Zero), new TargetRecord { State = TargetState.Failing },
            [new OutboxEntry("discord:1", "prod", "failing", "waiting", "{}", Now)], Now, ct);

        var pruned = await store.PruneAsync(Now.AddYears(5), ct); // the clock jumped years ahead

        Assert.Equal(1, pruned.UndeliveredOlder);
        Assert.Equal("waiting", Assert.Single(await store.GetDueAsync(Now.AddYears(5), 10, ct)).DedupeKey);
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
