using System.Text.Json;
using ChatOpsBot.Core.Monitor;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Core.Store;

public sealed partial class MonitorStore
{
    /// <summary>Every target's saved state.</summary>
    public Task<IReadOnlyDictionary<string, TargetRecord>> LoadStatesAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyDictionary<string, TargetRecord>>(c =>
    {
        var states = new Dictionary<string, TargetRecord>(StringComparer.OrdinalIgnoreCase);
        using var command = Command(c, "SELECT target, record FROM target_state;", null, []);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                if (JsonSerializer.Deserialize(reader.GetString(1), StoreJsonContext.Default.TargetRecord) is { } record)
                {
                    states[reader.GetString(0)] = record;
                }
            }
            catch (JsonException)
            {
                // an unreadable state is forgotten: the target starts as unknown
            }
        }

        return states;
    }, cancellationToken);

    /// <summary>
    /// Records one check in one transaction: the history point, the target's new state and the alerts it caused, so a
    /// crash cannot keep the state without its alert or the alert without its state.
    /// </summary>
    public Task RecordCheckAsync(CheckRow check, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(alerts);
        return UseAsync(c =>
        {
            using var transaction = c.BeginTransaction();
            Execute(c, "INSERT INTO checks (target, at, passed, code, latency_ms) VALUES ($t, $at, $p, $code, $ms);", transaction,
                ("$t", check.Target), ("$at", Ms(check.At)), ("$p", check.Passed ? 1 : 0), ("$code", check.Code), ("$ms", (long)check.Latency.TotalMilliseconds));
            Execute(c, """
                INSERT INTO target_state (target, state, updated, record) VALUES ($t, $s, $u, $r)
                ON CONFLICT (target) DO UPDATE SET state = excluded.state, updated = excluded.updated, record = excluded.record;
                """, transaction,
                ("$t", check.Target), ("$s", record.State.ToString()), ("$u", Ms(now)), ("$r", JsonSerializer.Serialize(record, StoreJsonContext.Default.TargetRecord)));
            Insert(c, transaction, alerts, now);
            transaction.Commit();
            return 0;
        }, cancellationToken);
    }

    /// <summary>Checks of <paramref name="target"/> since <paramref name="from"/>, oldest first.</summary>
    public Task<IReadOnlyList<CheckRow>> GetChecksAsync(string target, DateTimeOffset from, CancellationToken cancellationToken) => UseAsync<IReadOnlyList<CheckRow>>(c =>
    {
        var rows = new List<CheckRow>();
        using var command = Command(c, "SELECT at, passed, code, latency_ms FROM checks WHERE target = $t AND at >= $from ORDER BY at, id;", null, [("$t", target), ("$from", Ms(from))]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new CheckRow(target, Time(reader.GetInt64(0)), reader.GetInt64(1) != 0, reader.GetString(2), TimeSpan.FromMilliseconds(reader.GetInt64(3))));
        }

        return rows;
    }, cancellationToken);

    /// <summary>
    /// Forgets check history and <b>delivered</b> alerts older than <paramref name="before"/>. An undelivered alert is
    /// never dropped here, however old (a forward clock jump must not wipe the outbox): it waits until it is delivered,
    /// is counted as waiting in <c>/alerts list</c>, and is reported in <see cref="PruneResult.UndeliveredOlder"/>.
    /// </summary>
    public Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var transaction = c.BeginTransaction();
        using var checks = Command(c, "DELETE FROM checks WHERE at < $b;", transaction, [("$b", Ms(before))]);
        var removed = checks.ExecuteNonQuery();
        using var outbox = Command(c, "DELETE FROM outbox WHERE created < $b AND delivered IS NOT NULL;", transaction, [("$b", Ms(before))]);
        removed += outbox.ExecuteNonQuery();
        using var kept = Command(c, "SELECT COUNT(*) FROM outbox WHERE created < $b AND delivered IS NULL;", transaction, [("$b", Ms(before))]);
        var undelivered = Convert.ToInt32(kept.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        transaction.Commit();
        return new PruneResult(removed, undelivered);
    }, cancellationToken);

    /// <summary>Mutes <paramref name="target"/> until <paramref name="until"/>; null unmutes.</summary>
    public Task SetMuteAsync(string target, DateTimeOffset? until, string requestedBy, CancellationToken cancellationToken) => UseAsync(c =>
    {
        if (until is { } end)
        {
            Execute(c, """
                INSERT INTO mutes (target, until, requested_by) VALUES ($t, $u, $by)
                ON CONFLICT (target) DO UPDATE SET until = excluded.until, requested_by = excluded.requested_by;
                """, null, ("$t", target), ("$u", Ms(end)), ("$by", requestedBy));
        }
        else
        {
            Execute(c, "DELETE FROM mutes WHERE target = $t;", null, ("$t", target));
        }

        return 0;
    }, cancellationToken);

    /// <summary>Every mute that has not ended by <paramref name="now"/>.</summary>
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMutesAsync(DateTimeOffset now, CancellationToken cancellationToken) => UseAsync<IReadOnlyDictionary<string, DateTimeOffset>>(c =>
    {
        var mutes = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        using var command = Command(c, "SELECT target, until FROM mutes WHERE until > $now;", null, [("$now", Ms(now))]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            mutes[reader.GetString(0)] = Time(reader.GetInt64(1));
        }

        return mutes;
    }, cancellationToken);

    /// <summary>Adds a subscription; false when it was there already.</summary>
    public Task<bool> AddSubscriptionAsync(string destination, string requestedBy, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var command = Command(c, "INSERT OR IGNORE INTO subscriptions (destination, requested_by, created) VALUES ($d, $by, $now);", null, [("$d", destination), ("$by", requestedBy), ("$now", Ms(now))]);
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    /// <summary>Removes a subscription; false when there was none.</summary>
    public Task<bool> RemoveSubscriptionAsync(string destination, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var command = Command(c, "DELETE FROM subscriptions WHERE destination = $d;", null, [("$d", destination)]);
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    public Task<IReadOnlyList<SubscriptionRow>> GetSubscriptionsAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<SubscriptionRow>>(c =>
    {
        var rows = new List<SubscriptionRow>();
        using var command = Command(c, "SELECT destination, requested_by, created FROM subscriptions ORDER BY created, destination;", null, []);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SubscriptionRow(reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2))));
        }

        return rows;
    }, cancellationToken);

    /// <summary>Queues alerts outside a check (a test alert).</summary>
    public Task EnqueueAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var transaction = c.BeginTransaction();
        Insert(c, transaction, entries, now);
        transaction.Commit();
        return 0;
    }, cancellationToken);

    /// <summary>
    /// Undelivered entries due by <paramref name="now"/>, oldest first; an entry whose destination has an older one still
    /// waiting out its back-off is not due (one destination gets its alerts in the order they were made).
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => UseAsync<IReadOnlyList<OutboxRow>>(c =>
    {
        using var command = Command(c, """
            SELECT id, destination, target, kind, dedupe_key, payload, created, attempts, next_attempt, problem
            FROM outbox o WHERE delivered IS NULL AND next_attempt <= $now
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.destination = o.destination AND p.delivered IS NULL AND p.id < o.id AND p.next_attempt > $now)
            ORDER BY id LIMIT $limit;
            """, null, [("$now", Ms(now)), ("$limit", limit)]);
        return ReadOutbox(command);
    }, cancellationToken);

    /// <summary>Every undelivered entry, oldest first.</summary>
    public Task<IReadOnlyList<OutboxRow>> GetPendingAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<OutboxRow>>(c =>
    {
        using var command = Command(c, """
            SELECT id, destination, target, kind, dedupe_key, payload, created, attempts, next_attempt, problem
            FROM outbox WHERE delivered IS NULL ORDER BY id;
            """, null, []);
        return ReadOutbox(command);
    }, cancellationToken);

    /// <summary>When the next undelivered entry is due; null when the outbox is empty.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => UseAsync(c =>
    {
        // Only the oldest waiting entry of each destination counts: the ones behind it go after it, never before.
        var next = Scalar(c, """
            SELECT MIN(next_attempt) FROM outbox o WHERE delivered IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.destination = o.destination AND p.delivered IS NULL AND p.id < o.id);
            """);
        return next is long ms ? Time(ms) : (DateTimeOffset?)null;
    }, cancellationToken);

    /// <summary>Marks an entry delivered and its destination as working; returns the destination's previous problem.</summary>
    public Task<string?> MarkDeliveredAsync(OutboxRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return UseAsync(c =>
        {
            using var transaction = c.BeginTransaction();
            var previous = Scalar(c, "SELECT problem FROM destinations WHERE destination = $d;", transaction, ("$d", row.Destination)) as string;
            Execute(c, "UPDATE outbox SET delivered = $now, attempts = attempts + 1, problem = NULL WHERE id = $id;", transaction, ("$now", Ms(now)), ("$id", row.Id));
            Execute(c, """
                INSERT INTO destinations (destination, problem, last_delivered) VALUES ($d, NULL, $now)
                ON CONFLICT (destination) DO UPDATE SET problem = NULL, last_delivered = excluded.last_delivered;
                """, transaction, ("$d", row.Destination), ("$now", Ms(now)));
            transaction.Commit();
            return previous;
        }, cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt and holds every waiting entry of the destination until <paramref name="nextAttempt"/>
    /// (so they stay in order); returns the destination's previous problem (to log each change once).
    /// </summary>
    public Task<string?> MarkFailedAsync(OutboxRow row, DateTimeOffset nextAttempt, string problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return UseAsync(c =>
        {
            using var transaction = c.BeginTransaction();
            var previous = Scalar(c, "SELECT problem FROM destinations WHERE destination = $d;", transaction, ("$d", row.Destination)) as string;
            Execute(c, "UPDATE outbox SET attempts = attempts + 1, problem = $p WHERE id = $id;", transaction, ("$p", problem), ("$id", row.Id));
            Execute(c, "UPDATE outbox SET next_attempt = MAX(next_attempt, $next) WHERE destination = $d AND delivered IS NULL;", transaction,
                ("$next", Ms(nextAttempt)), ("$d", row.Destination));
            Execute(c, """
                INSERT INTO destinations (destination, problem, last_delivered) VALUES ($d, $p, NULL)
                ON CONFLICT (destination) DO UPDATE SET problem = excluded.problem;
                """, transaction, ("$d", row.Destination), ("$p", problem));
            transaction.Commit();
            return previous;
        }, cancellationToken);
    }

    /// <summary>What the dispatcher knows of each destination, with how many alerts wait for it.</summary>
    public Task<IReadOnlyList<(DestinationRow Row, int Waiting)>> GetDestinationsAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<(DestinationRow, int)>>(c =>
    {
        var result = new Dictionary<string, (DestinationRow Row, int Waiting)>(StringComparer.Ordinal);
        using (var command = Command(c, "SELECT destination, problem, last_delivered FROM destinations;", null, []))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var d = reader.GetString(0);
                result[d] = (new DestinationRow(d, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : Time(reader.GetInt64(2))), 0);
            }
        }

        using (var command = Command(c, "SELECT destination, COUNT(*) FROM outbox WHERE delivered IS NULL GROUP BY destination;", null, []))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var d = reader.GetString(0);
                var row = result.TryGetValue(d, out var known) ? known.Row : new DestinationRow(d, null, null);
                result[d] = (row, (int)reader.GetInt64(1));
            }
        }

        return [.. result.Values];
    }, cancellationToken);

    private static void Insert(SqliteConnection c, SqliteTransaction transaction, IReadOnlyList<OutboxEntry> entries, DateTimeOffset now)
    {
        foreach (var e in entries)
        {
            Execute(c, """
                INSERT INTO outbox (destination, target, kind, dedupe_key, payload, created, attempts, next_attempt)
                VALUES ($d, $t, $k, $key, $p, $now, 0, $next);
                """, transaction,
                ("$d", e.Destination), ("$t", e.Target), ("$k", e.Kind), ("$key", e.DedupeKey), ("$p", e.Payload), ("$now", Ms(now)), ("$next", Ms(e.NotBefore)));
        }
    }

    private static List<OutboxRow> ReadOutbox(SqliteCommand command)
    {
        var rows = new List<OutboxRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                Time(reader.GetInt64(6)),
                (int)reader.GetInt64(7),
                Time(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return rows;
    }
}
