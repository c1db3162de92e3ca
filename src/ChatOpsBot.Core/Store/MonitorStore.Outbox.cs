using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Core.Store;

// The outbox: alerts waiting to be delivered, their attempts, and the destinations they go to.
public sealed partial class MonitorStore
{
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
