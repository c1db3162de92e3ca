using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using ChatOpsBot.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsBot.Core.Tests.Store;

/// <summary>
/// The PostgreSQL store on a throwaway cluster (<see cref="PostgresFixture"/>), one empty database per test: what
/// every store does (<see cref="StoreBehaviourTests"/>), and what sharing adds: leases, outbox claims, concurrent
/// migration, and errors that name the host but never the password.
/// </summary>
public sealed class PostgresMonitorStoreTests(PostgresFixture postgres) : StoreBehaviourTests, IAsyncLifetime
{
    private readonly List<PostgresMonitorStore> _stores = [];
    private string _connectionString = "";

    public async ValueTask InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task<IMonitorStore> CreateStoreAsync() => Task.FromResult<IMonitorStore>(Create());

    protected override async Task<long> CountRowsAsync(string table)
    {
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand($"SELECT COUNT(*) FROM {table};");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task OpenAsync_SchemaOneDatabase_IsMigratedKeepingItsData()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = Create();
        await first.SetMuteAsync("prod", Now.AddHours(1), "alice", ct);
        await using (var source = NpgsqlDataSource.Create(_connectionString))
        {
            // As schema 1 left it.
            await using var command = source.CreateCommand("DROP TABLE chat_results, user_checks, revocation_notes, checkpoints; DELETE FROM schema_version WHERE version >= 2;");
            await command.ExecuteNonQueryAsync(ct);
        }

        var migrated = Create();
        Assert.Equal(Now.AddHours(1), (await migrated.GetMutesAsync(Now, ct))["prod"]);
        await migrated.SetRevocationNoteAsync("prod", "Why: revoked", Now, ct);
        Assert.Equal("Why: revoked", await migrated.TakeRevocationNoteAsync("prod", ct));
        await migrated.SetCheckpointAsync("telegram-offset:1", "10", Now, ct); // schema 3 too
        Assert.Equal("10", await migrated.GetCheckpointAsync("telegram-offset:1", ct));
    }

    private PostgresMonitorStore Create(string? connectionString = null, TimeSpan? lease = null)
    {
        var store = new PostgresMonitorStore(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString ?? _connectionString, LeaseDuration = lease ?? TimeSpan.FromSeconds(30) }),
            NullLogger<PostgresMonitorStore>.Instance);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task OpenAsync_ThreeReplicasAtOnce_MigrateOnce()
    {
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Create().OpenAsync(ct), Create().OpenAsync(ct), Create().OpenAsync(ct));

        var store = Create();
        await store.OpenAsync(ct);
        Assert.True(store.IsShared);
        await store.PingAsync(ct);
    }

    [Fact]
    public async Task Lease_HeldByOneReplica_OthersWaitUntilItExpiresOrIsReleased()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = (Create(), Create());
        await a.OpenAsync(ct);
        var ttl = TimeSpan.FromSeconds(30);

        Assert.True(await a.TryAcquireLeaseAsync("telegram-polling", Now, ttl, ct));
        Assert.False(await b.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(29), ttl, ct));
        Assert.True(await a.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(20), ttl, ct)); // renewed to +50 s
        Assert.False(await b.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(45), ttl, ct));
        Assert.True(await b.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(50), ttl, ct)); // a died: taken over
        Assert.False(await a.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(51), ttl, ct));

        await a.ReleaseLeaseAsync("telegram-polling", ct); // not a's any more: no effect
        Assert.False(await a.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(52), ttl, ct));
        await b.ReleaseLeaseAsync("telegram-polling", ct);
        Assert.True(await a.TryAcquireLeaseAsync("telegram-polling", Now.AddSeconds(52), ttl, ct));
    }

    [Fact]
    public async Task Lease_ManyReplicasRacing_ExactlyOneWins()
    {
        var ct = TestContext.Current.CancellationToken;
        var replicas = Enumerable.Range(0, 8).Select(_ => Create()).ToList();
        await replicas[0].OpenAsync(ct);

        var won = await Task.WhenAll(replicas.Select(r => r.TryAcquireLeaseAsync("target:prod", Now, TimeSpan.FromSeconds(10), ct)));

        Assert.Equal(1, won.Count(w => w));
    }

    [Fact]
    public async Task GetDue_ClaimedByOneReplica_NotGivenToAnotherUntilTheClaimRunsOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = (Create(lease: TimeSpan.FromSeconds(10)), Create(lease: TimeSpan.FromSeconds(10)));
        await a.OpenAsync(ct);
        await a.EnqueueAsync([new OutboxEntry("discord:1", "prod", "failing", "k1", "{}", Now), new OutboxEntry("discord:1", "prod", "recovered", "k2", "{}", Now)], Now, ct);

        var claimed = await a.GetDueAsync(Now, 1, ct); // a takes k1 only, then dies
        Assert.Equal(["k1"], claimed.Select(r => r.DedupeKey));

        Assert.Empty(await b.GetDueAsync(Now.AddSeconds(5), 10, ct)); // k2 waits behind a's k1: order per destination
        Assert.Equal(Now.AddSeconds(10), await b.NextDueAsync(ct)); // when a's claim runs out
        Assert.Equal(["k1", "k2"], (await b.GetDueAsync(Now.AddSeconds(10), 10, ct)).Select(r => r.DedupeKey)); // taken over, same dedupe keys
        Assert.Empty(await a.GetDueAsync(Now.AddSeconds(11), 10, ct));
    }

    [Fact]
    public async Task GetDue_ReplicasClaimingAtOnce_EachRowGoesToExactlyOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var replicas = Enumerable.Range(0, 3).Select(_ => Create()).ToList();
        await replicas[0].OpenAsync(ct);
        await replicas[0].EnqueueAsync([.. Enumerable.Range(0, 60).Select(i => new OutboxEntry($"discord:{i % 20}", "prod", "failing", $"k{i}", "{}", Now))], Now, ct);

        var claims = await Task.WhenAll(replicas.Select(r => r.GetDueAsync(Now, 100, ct)));

        var all = claims.SelectMany(c => c).Select(r => r.DedupeKey).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(60, all.Count); // one replica took them all (claims are serialized), the others none: no destination split
    }

    [Fact]
    public async Task OpenAsync_WrongPassword_ErrorNamesTheHostButNotThePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await postgres.GetAsync();
        const string wrong = "not-the-Passw0rd-7f3e";
        var store = Create($"Host=127.0.0.1;Port={cluster.Port};Database=postgres;Username=postgres;Password={wrong};Timeout=5");

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => store.OpenAsync(ct));

        Assert.Contains($"postgres://127.0.0.1:{cluster.Port}/postgres", ex.Message, StringComparison.Ordinal);
        Assert.Contains("password was refused", ex.Message, StringComparison.Ordinal);
        AssertNoSecret(ex, wrong);
    }

    [Fact]
    public async Task OpenAsync_NothingListening_ErrorNamesTheHostAndSaysItCannotBeReached()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = await ClosedPortAsync();
        var store = Create($"Host=127.0.0.1;Port={port};Database=bot;Username=bot;Password={PostgresCluster.Password};Timeout=3");

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => store.OpenAsync(ct));

        Assert.Contains($"postgres://127.0.0.1:{port}/bot", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", ex.Message, StringComparison.Ordinal);
        AssertNoSecret(ex, PostgresCluster.Password);
    }

    [Fact]
    public async Task OpenAsync_MalformedConnectionString_SaysSoWithoutQuotingIt()
    {
        var store = Create("Host=db;Password=half-a-Secret-9k2;Port=notanumber");

        var ex = await Assert.ThrowsAsync<MonitorStoreException>(() => store.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Storage:ConnectionString is not a valid", ex.Message, StringComparison.Ordinal);
        AssertNoSecret(ex, "half-a-Secret-9k2");
    }

    [Fact]
    public async Task OneCheckCycle_LeaseStateRecordRelease_IsCheapEnoughForThousandsOfTargets()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Create();
        await store.OpenAsync(ct);
        const int Cycles = 200;
        var started = TimeProvider.System.GetTimestamp();

        for (var i = 0; i < Cycles; i++)
        {
            var at = Now.AddSeconds(i);
            var target = $"t{i % 50}";
            Assert.True(await store.TryAcquireLeaseAsync("target:" + target, at, TimeSpan.FromSeconds(30), ct));
            await store.GetStateAsync(target, ct);
            await store.GetMutesAsync(at, ct);
            await store.RecordCheckAsync(new CheckRow(target, at, true, "ok", TimeSpan.FromMilliseconds(100)), new TargetRecord { State = TargetState.Healthy, LastCheck = at }, [], at, ct);
            await store.ReleaseLeaseAsync("target:" + target, ct);
        }

        var perCycle = TimeProvider.System.GetElapsedTime(started) / Cycles;
        TestContext.Current.TestOutputHelper?.WriteLine($"store work per check (lease, state, mutes, record, release): {perCycle.TotalMilliseconds:F2} ms");
        Assert.True(perCycle < TimeSpan.FromMilliseconds(100), $"{perCycle.TotalMilliseconds} ms per check cycle");
    }

    [Fact]
    public async Task RecordCheckIfUnchanged_TwoReplicasFromOneState_OnlyTheFirstRecordsAndAlerts()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = (Create(), Create());
        var before = new TargetRecord { State = TargetState.Healthy, LastCheck = Now };
        await a.RecordCheckAsync(new CheckRow("prod", Now, true, "ok", TimeSpan.Zero), before, [], Now, ct);
        var failing = new TargetRecord { State = TargetState.Failing, LastCheck = Now.AddMinutes(5) };

        Assert.True(await a.RecordCheckIfUnchangedAsync(new CheckRow("prod", Now.AddMinutes(5), false, "auth.invalid_key", TimeSpan.Zero), before, failing,
            [new OutboxEntry("discord:1", "prod", "failing", "from-a", "{}", Now.AddMinutes(5))], Now.AddMinutes(5), ct));
        Assert.False(await b.RecordCheckIfUnchangedAsync(new CheckRow("prod", Now.AddMinutes(5), false, "auth.invalid_key", TimeSpan.Zero), before, failing with { LastCheck = Now.AddMinutes(5).AddSeconds(1) },
            [new OutboxEntry("discord:1", "prod", "failing", "from-b", "{}", Now.AddMinutes(5))], Now.AddMinutes(5), ct));

        Assert.Equal(["from-a"], (await b.GetPendingAsync(ct)).Select(r => r.DedupeKey));
        Assert.Equal(Now.AddMinutes(5), (await b.GetStateAsync("prod", ct))?.LastCheck);
    }

    [Fact]
    public void Describe_NamesHostPortAndDatabaseOnly()
    {
        var where = PostgresMonitorStore.Describe($"Host=db.internal;Port=6432;Database=bot;Username=bot;Password={PostgresCluster.Password}");

        Assert.Equal("postgres://db.internal:6432/bot", where);
    }

    private static void AssertNoSecret(Exception ex, string secret)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
        }
    }

    private static Task<int> ClosedPortAsync()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(((System.Net.IPEndPoint)listener.LocalEndpoint).Port);
    }
}
