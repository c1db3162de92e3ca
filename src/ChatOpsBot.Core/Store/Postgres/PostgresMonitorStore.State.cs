using System.Text.Json;
using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Core.Store.Postgres;

// Targets, history, mutes and subscriptions: the same statements as the SQLite store in PostgreSQL's dialect.
public sealed partial class PostgresMonitorStore
{
    private const string ReadWrite = "could not be read or written";

    public Task<IReadOnlyDictionary<string, TargetRecord>> LoadStatesAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyDictionary<string, TargetRecord>>(async c =>
    {
        var states = new Dictionary<string, TargetRecord>(StringComparer.OrdinalIgnoreCase);
        var command = Command(c, "SELECT target, record FROM target_state;", null, []);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (ReadRecord(reader.GetString(1)) is { } record)
                    {
                        states[reader.GetString(0)] = record;
                    }
                }
            }
        }

        return states;
    }, ReadWrite, cancellationToken);

    public Task<TargetRecord?> GetStateAsync(string target, CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, "SELECT record FROM target_state WHERE target = @t;", null, cancellationToken, ("t", target)).ConfigureAwait(false) is string json
            ? ReadRecord(json)
            : null, ReadWrite, cancellationToken);

    private static TargetRecord? ReadRecord(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, StoreJsonContext.Default.TargetRecord);
        }
        catch (JsonException)
        {
            return null; // an unreadable state is forgotten: the target starts as unknown
        }
    }

    public Task RecordCheckAsync(CheckRow check, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(alerts);
        return UseAsync(async c =>
        {
            var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(c, "INSERT INTO checks (target, at, passed, code, latency_ms) VALUES (@t, @at, @p, @code, @ms);", transaction, cancellationToken,
                    ("t", check.Target), ("at", Ms(check.At)), ("p", check.Passed), ("code", check.Code), ("ms", (long)check.Latency.TotalMilliseconds)).ConfigureAwait(false);
                await ExecuteAsync(c, """
                    INSERT INTO target_state (target, state, updated, record) VALUES (@t, @s, @u, @r)
                    ON CONFLICT (target) DO UPDATE SET state = excluded.state, updated = excluded.updated, record = excluded.record;
                    """, transaction, cancellationToken,
                    ("t", check.Target), ("s", record.State.ToString()), ("u", Ms(now)), ("r", JsonSerializer.Serialize(record, StoreJsonContext.Default.TargetRecord))).ConfigureAwait(false);
                await InsertAsync(c, transaction, alerts, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }, ReadWrite, cancellationToken);
    }

    public Task<bool> RecordCheckIfUnchangedAsync(CheckRow check, TargetRecord before, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(alerts);
        return UseAsync(async c =>
        {
            var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var saved = await ScalarAsync(c, "SELECT record FROM target_state WHERE target = @t FOR UPDATE;", transaction, cancellationToken, ("t", check.Target)).ConfigureAwait(false) as string;
                if (saved is not null && ReadRecord(saved)?.LastCheck != before.LastCheck)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false; // another replica recorded a check since this one began: its state wins
                }

                await ExecuteAsync(c, "INSERT INTO checks (target, at, passed, code, latency_ms) VALUES (@t, @at, @p, @code, @ms);", transaction, cancellationToken,
                    ("t", check.Target), ("at", Ms(check.At)), ("p", check.Passed), ("code", check.Code), ("ms", (long)check.Latency.TotalMilliseconds)).ConfigureAwait(false);
                await ExecuteAsync(c, """
                    INSERT INTO target_state (target, state, updated, record) VALUES (@t, @s, @u, @r)
                    ON CONFLICT (target) DO UPDATE SET state = excluded.state, updated = excluded.updated, record = excluded.record;
                    """, transaction, cancellationToken,
                    ("t", check.Target), ("s", record.State.ToString()), ("u", Ms(now)), ("r", JsonSerializer.Serialize(record, StoreJsonContext.Default.TargetRecord))).ConfigureAwait(false);
                await InsertAsync(c, transaction, alerts, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }, ReadWrite, cancellationToken);
    }

    public Task<IReadOnlyList<CheckRow>> GetChecksAsync(string target, DateTimeOffset from, CancellationToken cancellationToken) => UseAsync<IReadOnlyList<CheckRow>>(async c =>
    {
        var rows = new List<CheckRow>();
        var command = Command(c, "SELECT at, passed, code, latency_ms FROM checks WHERE target = @t AND at >= @from ORDER BY at, id;", null, [("t", target), ("from", Ms(from))]);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new CheckRow(target, Time(reader.GetInt64(0)), reader.GetBoolean(1), reader.GetString(2), TimeSpan.FromMilliseconds(reader.GetInt64(3))));
                }
            }
        }

        return rows;
    }, ReadWrite, cancellationToken);

    public Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => UseAsync(async c =>
    {
        var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var removed = await ExecuteAsync(c, "DELETE FROM checks WHERE at < @b;", transaction, cancellationToken, ("b", Ms(before))).ConfigureAwait(false);
            removed += await ExecuteAsync(c, "DELETE FROM outbox WHERE created < @b AND delivered IS NOT NULL;", transaction, cancellationToken, ("b", Ms(before))).ConfigureAwait(false);
            var kept = await ScalarAsync(c, "SELECT COUNT(*) FROM outbox WHERE created < @b AND delivered IS NULL;", transaction, cancellationToken, ("b", Ms(before))).ConfigureAwait(false);
            await ExecuteAsync(c, ChatPruneSql, transaction, cancellationToken, ("b", Ms(before))).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new PruneResult(removed, (int)(long)kept!);
        }
    }, ReadWrite, cancellationToken);

    public Task SetMuteAsync(string target, DateTimeOffset? until, string requestedBy, CancellationToken cancellationToken) => UseAsync(c => until is { } end
        ? ExecuteAsync(c, """
            INSERT INTO mutes (target, until, requested_by) VALUES (@t, @u, @by)
            ON CONFLICT (target) DO UPDATE SET until = excluded.until, requested_by = excluded.requested_by;
            """, null, cancellationToken, ("t", target), ("u", Ms(end)), ("by", requestedBy))
        : ExecuteAsync(c, "DELETE FROM mutes WHERE target = @t;", null, cancellationToken, ("t", target)), ReadWrite, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMutesAsync(DateTimeOffset now, CancellationToken cancellationToken) => UseAsync<IReadOnlyDictionary<string, DateTimeOffset>>(async c =>
    {
        var mutes = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        var command = Command(c, "SELECT target, until FROM mutes WHERE until > @now;", null, [("now", Ms(now))]);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    mutes[reader.GetString(0)] = Time(reader.GetInt64(1));
                }
            }
        }

        return mutes;
    }, ReadWrite, cancellationToken);

    public Task<bool> AddSubscriptionAsync(string destination, string requestedBy, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(async c =>
        await ExecuteAsync(c, "INSERT INTO subscriptions (destination, requested_by, created) VALUES (@d, @by, @now) ON CONFLICT (destination) DO NOTHING;", null, cancellationToken,
            ("d", destination), ("by", requestedBy), ("now", Ms(now))).ConfigureAwait(false) == 1, ReadWrite, cancellationToken);

    public Task<bool> RemoveSubscriptionAsync(string destination, CancellationToken cancellationToken) => UseAsync(async c =>
        await ExecuteAsync(c, "DELETE FROM subscriptions WHERE destination = @d;", null, cancellationToken, ("d", destination)).ConfigureAwait(false) == 1, ReadWrite, cancellationToken);

    public Task<IReadOnlyList<SubscriptionRow>> GetSubscriptionsAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<SubscriptionRow>>(async c =>
    {
        var rows = new List<SubscriptionRow>();
        var command = Command(c, "SELECT destination, requested_by, created FROM subscriptions ORDER BY created, destination;", null, []);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new SubscriptionRow(reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2))));
                }
            }
        }

        return rows;
    }, ReadWrite, cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string name, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, """
            INSERT INTO leases (name, holder, expires) VALUES (@n, @me, @until)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
            WHERE leases.holder = excluded.holder OR leases.expires <= @now
            RETURNING holder;
            """, null, cancellationToken, ("n", name), ("me", ReplicaId), ("until", Ms(now + duration)), ("now", Ms(now))).ConfigureAwait(false) is string, ReadWrite, cancellationToken);

    public Task ReleaseLeaseAsync(string name, CancellationToken cancellationToken) => UseAsync(c =>
        ExecuteAsync(c, "DELETE FROM leases WHERE name = @n AND holder = @me;", null, cancellationToken, ("n", name), ("me", ReplicaId)), ReadWrite, cancellationToken);
}
