using Npgsql;

namespace ChatOpsBot.Core.Store.Postgres;

// The outbox, shared: a replica claims the rows it is about to deliver (claimed_by, claim_until), so no other replica
// sends them while it works; a replica that dies leaves claims that run out after Storage:LeaseDuration.
public sealed partial class PostgresMonitorStore
{
    private const string Columns = "id, destination, target, kind, dedupe_key, payload, created, attempts, next_attempt, problem";

    public Task EnqueueAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(async c =>
    {
        var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await InsertAsync(c, transaction, entries, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }, ReadWrite, cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due entries for this replica, oldest first. Claims are taken one replica at
    /// a time (a transaction-scoped advisory lock), so two replicas never split one destination's entries and send
    /// them out of order; an entry whose destination has an older one backing off, or claimed by another replica, waits.
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => UseAsync<IReadOnlyList<OutboxRow>>(async c =>
    {
        var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(c, "SELECT pg_advisory_xact_lock(@lock);", transaction, cancellationToken, ("lock", ClaimLock)).ConfigureAwait(false);
            var rows = await ReadOutboxAsync(Command(c, $"""
                UPDATE outbox SET claimed_by = @me, claim_until = @until
                WHERE id IN (
                    SELECT id FROM outbox o
                    WHERE delivered IS NULL AND next_attempt <= @now
                      AND (claim_until IS NULL OR claim_until <= @now OR claimed_by = @me)
                      AND NOT EXISTS (
                          SELECT 1 FROM outbox p
                          WHERE p.destination = o.destination AND p.delivered IS NULL AND p.id < o.id
                            AND (p.next_attempt > @now OR (p.claim_until > @now AND p.claimed_by <> @me)))
                    ORDER BY id LIMIT @limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING {Columns};
                """, transaction, [("me", ReplicaId), ("until", Ms(now + options.Value.LeaseDuration)), ("now", Ms(now)), ("limit", limit)]), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            rows.Sort((a, b) => a.Id.CompareTo(b.Id));
            return rows;
        }
    }, ReadWrite, cancellationToken);

    public Task RenewClaimsAsync(DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
        ExecuteAsync(c, "UPDATE outbox SET claim_until = @until WHERE claimed_by = @me AND delivered IS NULL;", null, cancellationToken,
            ("until", Ms(now + options.Value.LeaseDuration)), ("me", ReplicaId)), ReadWrite, cancellationToken);

    public Task<IReadOnlyList<OutboxRow>> GetPendingAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<OutboxRow>>(async c =>
        await ReadOutboxAsync(Command(c, $"SELECT {Columns} FROM outbox WHERE delivered IS NULL ORDER BY id;", null, []), cancellationToken).ConfigureAwait(false),
        ReadWrite, cancellationToken);

    /// <summary>When the oldest waiting entry of some destination is due (or its claim by another replica runs out).</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, """
            SELECT MIN(CASE WHEN claimed_by IS NULL OR claimed_by = @me THEN next_attempt ELSE GREATEST(next_attempt, claim_until) END)
            FROM outbox o WHERE delivered IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.destination = o.destination AND p.delivered IS NULL AND p.id < o.id);
            """, null, cancellationToken, ("me", ReplicaId)).ConfigureAwait(false) is long ms ? Time(ms) : (DateTimeOffset?)null, ReadWrite, cancellationToken);

    public Task<string?> MarkDeliveredAsync(OutboxRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return UseAsync(async c =>
        {
            var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var previous = await ScalarAsync(c, "SELECT problem FROM destinations WHERE destination = @d FOR UPDATE;", transaction, cancellationToken, ("d", row.Destination)).ConfigureAwait(false) as string;
                await ExecuteAsync(c, "UPDATE outbox SET delivered = @now, attempts = attempts + 1, problem = NULL, claimed_by = NULL, claim_until = NULL WHERE id = @id AND delivered IS NULL;", transaction, cancellationToken,
                    ("now", Ms(now)), ("id", row.Id)).ConfigureAwait(false);
                await ExecuteAsync(c, """
                    INSERT INTO destinations (destination, problem, last_delivered) VALUES (@d, NULL, @now)
                    ON CONFLICT (destination) DO UPDATE SET problem = NULL, last_delivered = excluded.last_delivered;
                    """, transaction, cancellationToken, ("d", row.Destination), ("now", Ms(now))).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return previous;
            }
        }, ReadWrite, cancellationToken);
    }

    public Task<string?> MarkFailedAsync(OutboxRow row, DateTimeOffset nextAttempt, string problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return UseAsync(async c =>
        {
            var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var previous = await ScalarAsync(c, "SELECT problem FROM destinations WHERE destination = @d FOR UPDATE;", transaction, cancellationToken, ("d", row.Destination)).ConfigureAwait(false) as string;
                await ExecuteAsync(c, "UPDATE outbox SET attempts = attempts + 1, problem = @p WHERE id = @id;", transaction, cancellationToken, ("p", problem), ("id", row.Id)).ConfigureAwait(false);
                await ExecuteAsync(c, """
                    UPDATE outbox SET next_attempt = GREATEST(next_attempt, @next),
                        claimed_by = CASE WHEN claimed_by = @me THEN NULL ELSE claimed_by END,
                        claim_until = CASE WHEN claimed_by = @me THEN NULL ELSE claim_until END
                    WHERE destination = @d AND delivered IS NULL;
                    """, transaction, cancellationToken, ("next", Ms(nextAttempt)), ("d", row.Destination), ("me", ReplicaId)).ConfigureAwait(false);
                await ExecuteAsync(c, """
                    INSERT INTO destinations (destination, problem, last_delivered) VALUES (@d, @p, NULL)
                    ON CONFLICT (destination) DO UPDATE SET problem = excluded.problem;
                    """, transaction, cancellationToken, ("d", row.Destination), ("p", problem)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return previous;
            }
        }, ReadWrite, cancellationToken);
    }

    public Task<IReadOnlyList<(DestinationRow Row, int Waiting)>> GetDestinationsAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<(DestinationRow, int)>>(async c =>
    {
        var result = new Dictionary<string, (DestinationRow Row, int Waiting)>(StringComparer.Ordinal);
        var known = Command(c, "SELECT destination, problem, last_delivered FROM destinations;", null, []);
        await using (known.ConfigureAwait(false))
        {
            var reader = await known.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var d = reader.GetString(0);
                    result[d] = (new DestinationRow(d, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : Time(reader.GetInt64(2))), 0);
                }
            }
        }

        var waiting = Command(c, "SELECT destination, COUNT(*) FROM outbox WHERE delivered IS NULL GROUP BY destination;", null, []);
        await using (waiting.ConfigureAwait(false))
        {
            var reader = await waiting.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var d = reader.GetString(0);
                    var row = result.TryGetValue(d, out var seen) ? seen.Row : new DestinationRow(d, null, null);
                    result[d] = (row, (int)reader.GetInt64(1));
                }
            }
        }

        return [.. result.Values];
    }, ReadWrite, cancellationToken);

    private static async Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction transaction, IReadOnlyList<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var e in entries)
        {
            await ExecuteAsync(c, """
                INSERT INTO outbox (destination, target, kind, dedupe_key, payload, created, attempts, next_attempt)
                VALUES (@d, @t, @k, @key, @p, @now, 0, @next);
                """, transaction, cancellationToken,
                ("d", e.Destination), ("t", e.Target), ("k", e.Kind), ("key", e.DedupeKey), ("p", e.Payload), ("now", Ms(now)), ("next", Ms(e.NotBefore))).ConfigureAwait(false);
        }
    }

    private static async Task<List<OutboxRow>> ReadOutboxAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new OutboxRow(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetString(5),
                        Time(reader.GetInt64(6)),
                        reader.GetInt32(7),
                        Time(reader.GetInt64(8)),
                        reader.IsDBNull(9) ? null : reader.GetString(9)));
                }
            }
        }

        return rows;
    }
}
