using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Tests.Store;

/// <summary>
/// What every monitor store must do, run against each (SQLite: <see cref="Monitor.MonitorStoreTests"/>, PostgreSQL:
/// <see cref="PostgresMonitorStoreTests"/>). <see cref="CreateStoreAsync"/> opens a new store on the same data each
/// time, so "reopen" means a restart (or another replica).
/// </summary>
public abstract class StoreBehaviourTests
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new store over this test's data (the same data on every call).</summary>
    protected abstract Task<IMonitorStore> CreateStoreAsync();

    /// <summary>How many rows <paramref name="table"/> of this test's data holds, read past the store (call with no store open on SQLite).</summary>
    protected abstract Task<long> CountRowsAsync(string table);

    private Task<IMonitorStore> CreateSut() => CreateStoreAsync();

    [Fact]
    public async Task Reopen_KeepsStateOutboxMutesAndSubscriptions()
    {
        var ct = TestContext.Current.CancellationToken;
        var record = new TargetRecord { State = TargetState.Failing, Code = VerdictCodes.AuthInvalidKey, Severity = Severity.Error, NotifiedCode = VerdictCodes.AuthInvalidKey, Since = Now, Changes = [Now] };
        await using (var store = await CreateSut())
        {
            await store.RecordCheckAsync(new CheckRow("prod", Now, false, VerdictCodes.AuthInvalidKey, TimeSpan.FromMilliseconds(120)), record,
                [new OutboxEntry("telegram:-100123", "prod", "failing", "0123456789abcdef0123", "{\"Kind\":\"Alert\"}", Now)], Now, ct);
            await store.SetMuteAsync("prod", Now.AddHours(1), "alice", ct);
            Assert.True(await store.AddSubscriptionAsync("discord:42", "bob", Now, ct));
            Assert.False(await store.AddSubscriptionAsync("discord:42", "bob", Now, ct));
        }

        await using var reopened = await CreateSut();
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
        await using var store = await CreateSut();
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
        await using var store = await CreateSut();
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
        await using var store = await CreateSut();
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
        await using var store = await CreateSut();
        await store.RecordCheckAsync(new CheckRow("prod", Now, false, "auth.invalid_key", TimeSpan.Zero), new TargetRecord { State = TargetState.Failing },
            [new OutboxEntry("discord:1", "prod", "failing", "waiting", "{}", Now)], Now, ct);

        var pruned = await store.PruneAsync(Now.AddYears(5), ct); // the clock jumped years ahead

        Assert.Equal(1, pruned.UndeliveredOlder);
        Assert.Equal("waiting", Assert.Single(await store.GetDueAsync(Now.AddYears(5), 10, ct)).DedupeKey);
    }

    [Fact]
    public async Task GetStateAsync_ReturnsTheSavedRecordOrNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateSut();
        var record = new TargetRecord { State = TargetState.Failing, Code = VerdictCodes.AuthInvalidKey, LastCheck = Now };
        await store.RecordCheckAsync(new CheckRow("prod", Now, false, VerdictCodes.AuthInvalidKey, TimeSpan.Zero), record, [], Now, ct);

        Assert.Equal(Now, (await store.GetStateAsync("prod", ct))?.LastCheck);
        Assert.Null(await store.GetStateAsync("staging", ct));
        await store.PingAsync(ct);
    }

    [Fact]
    public async Task Subscriptions_AddRemoveAndMuteUnmute_RoundTrip()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateSut();

        Assert.True(await store.AddSubscriptionAsync("discord:1", "alice", Now, ct));
        Assert.True(await store.RemoveSubscriptionAsync("discord:1", ct));
        Assert.False(await store.RemoveSubscriptionAsync("discord:1", ct));
        await store.SetMuteAsync("prod", Now.AddHours(1), "alice", ct);
        await store.SetMuteAsync("prod", null, "alice", ct);

        Assert.Empty(await store.GetSubscriptionsAsync(ct));
        Assert.Empty(await store.GetMutesAsync(Now, ct));
    }

    [Fact]
    public async Task EnqueueAsync_TestAlertWithoutTarget_IsPendingWithANullTarget()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await CreateSut();

        await store.EnqueueAsync([new OutboxEntry("discord:9", null, "test", "t1", "{}", Now)], Now, ct);

        var row = Assert.Single(await store.GetDueAsync(Now, 10, ct));
        Assert.Null(row.Target);
        Assert.Equal(Now, await store.NextDueAsync(ct));
        Assert.Equal(Now, await store.OldestUndeliveredAsync(ct));
        await store.MarkDeliveredAsync(row, Now, ct);
        Assert.Null(await store.NextDueAsync(ct));
        Assert.Null(await store.OldestUndeliveredAsync(ct));
        Assert.Empty(await store.GetPendingAsync(ct));
    }

    [Fact]
    public async Task Results_AreFoundUntilTheyExpire_AndSurviveAReopen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var store = await CreateSut())
        {
            await store.SaveResultAsync("t-old", "{\"old\":1}", Now.AddMinutes(1), Now, ct);
            await store.SaveResultAsync("t-new", "{\"new\":1}", Now.AddHours(1), Now, ct);
            Assert.Equal("{\"old\":1}", await store.GetResultAsync("t-old", Now, ct));
        }

        await using var reopened = await CreateSut();
        Assert.Equal("{\"new\":1}", await reopened.GetResultAsync("t-new", Now.AddMinutes(59), ct));
        Assert.Null(await reopened.GetResultAsync("t-old", Now.AddMinutes(1), ct)); // expired
        Assert.Null(await reopened.GetResultAsync("t-new", Now.AddHours(1), ct));
        Assert.Null(await reopened.GetResultAsync("unknown", Now, ct));
    }

    [Fact]
    public async Task AcquireUserChecks_CountsASlidingWindowPerUser_AndSaysWhenTheNextFreesUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var hour = TimeSpan.FromHours(1);
        await using var store = await CreateSut();

        Assert.Equal((2, (DateTimeOffset?)null), await store.AcquireUserChecksAsync("Discord:1", 2, 3, hour, Now, ct));
        Assert.Equal((1, Now + hour), await store.AcquireUserChecksAsync("Discord:1", 2, 3, hour, Now.AddMinutes(10), ct));
        Assert.Equal((0, Now + hour), await store.AcquireUserChecksAsync("Discord:1", 1, 3, hour, Now.AddMinutes(20), ct));
        Assert.Equal((1, (DateTimeOffset?)null), await store.AcquireUserChecksAsync("Telegram:1", 1, 3, hour, Now.AddMinutes(20), ct)); // another user

        // The first two fall out of the window an hour later; the one of +10 min is still in it.
        Assert.Equal((2, Now.AddMinutes(10) + hour), await store.AcquireUserChecksAsync("Discord:1", 3, 3, hour, Now + hour, ct));
        Assert.Equal((0, (DateTimeOffset?)null), await store.AcquireUserChecksAsync("Discord:1", 0, 3, hour, Now + hour, ct));
    }

    [Fact]
    public async Task AcquireUserChecks_WrittenBeforeAReopen_StillCount()
    {
        var ct = TestContext.Current.CancellationToken;
        var hour = TimeSpan.FromHours(1);
        await using (var store = await CreateSut())
        {
            Assert.Equal(3, (await store.AcquireUserChecksAsync("Discord:1", 3, 3, hour, Now, ct)).Granted);
        }

        await using var reopened = await CreateSut();
        Assert.Equal((0, Now + hour), await reopened.AcquireUserChecksAsync("Discord:1", 1, 3, hour, Now.AddMinutes(59), ct));
    }

    [Fact]
    public async Task RevocationNotes_AreTakenOnce_ByAnyCaseOfTheName_AndSurviveAReopen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var store = await CreateSut())
        {
            await store.SetRevocationNoteAsync("Prod", "first", Now, ct);
            await store.SetRevocationNoteAsync("prod", "Why: revoked", Now, ct); // replaces
        }

        await using var reopened = await CreateSut();
        Assert.Equal("Why: revoked", await reopened.GetRevocationNoteAsync("PROD", ct));
        Assert.Equal("Why: revoked", await reopened.TakeRevocationNoteAsync("prod", ct));
        Assert.Null(await reopened.TakeRevocationNoteAsync("prod", ct));
        Assert.Null(await reopened.GetRevocationNoteAsync("prod", ct));
    }

    [Fact]
    public async Task Checkpoints_AreReplacedKeptApartByNameAndSurviveAReopenAndAPrune()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var store = await CreateSut())
        {
            Assert.Null(await store.GetCheckpointAsync("telegram-offset:111", ct));
            await store.SetCheckpointAsync("telegram-offset:111", "1000", Now.AddDays(-40), ct);
            await store.SetCheckpointAsync("telegram-offset:111", "1002\n1004", Now.AddDays(-40), ct); // replaces
            await store.SetCheckpointAsync("telegram-offset:222", "7", Now, ct);
            await store.PruneAsync(Now.AddDays(-30), ct); // a checkpoint is not history: an idle bot keeps its own
        }

        await using var reopened = await CreateSut(); // a restart, or another replica
        Assert.Equal("1002\n1004", await reopened.GetCheckpointAsync("telegram-offset:111", ct));
        Assert.Equal("7", await reopened.GetCheckpointAsync("telegram-offset:222", ct));
    }

    [Fact]
    public async Task Prune_ForgetsOldResultsCheckStampsAndNotes_ButNotCurrentOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        var hour = TimeSpan.FromHours(1);
        var store = await CreateSut();
        var old = Now.AddDays(-40);
        await store.SaveResultAsync("old", "{}", old.AddHours(1), old, ct);
        await store.AcquireUserChecksAsync("Discord:1", 1, 1, hour, old, ct);
        await store.SetRevocationNoteAsync("stale", "old note", old, ct);
        await store.SaveResultAsync("new", "{}", Now.AddHours(1), Now, ct);
        await store.SetRevocationNoteAsync("fresh", "new note", Now, ct);

        await store.PruneAsync(Now.AddDays(-30), ct);

        Assert.Null(await store.GetRevocationNoteAsync("stale", ct));
        Assert.Equal("new note", await store.GetRevocationNoteAsync("fresh", ct));
        Assert.Equal("{}", await store.GetResultAsync("new", Now, ct));
        await store.DisposeAsync();
        Assert.Equal((1L, 0L, 1L), (await CountRowsAsync("chat_results"), await CountRowsAsync("user_checks"), await CountRowsAsync("revocation_notes")));
    }
}
