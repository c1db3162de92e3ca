using System.Globalization;

namespace ChatOpsBot.Core.Store.Postgres;

// Chat state shared by replicas: results behind buttons (a button pressed on any replica finds them), each user's
// recent checks of their own keys (one limit across replicas) and notes on revoked team keys.
public sealed partial class PostgresMonitorStore
{
    // Advisory locks of the two-number form live apart from the one-number locks (migration, claims); this is the first number.
    private const int UserLockSpace = 0x43_4F_42_55;

    // Schema 2, the same tables as the SQLite store's.
    private const string ChatTablesSql = """
        CREATE TABLE chat_results (
            token TEXT PRIMARY KEY,
            result TEXT NOT NULL,
            expires BIGINT NOT NULL);
        CREATE INDEX chat_results_expiry ON chat_results (expires);
        CREATE TABLE user_checks (
            id BIGSERIAL PRIMARY KEY,
            user_hash TEXT NOT NULL,
            at BIGINT NOT NULL);
        CREATE INDEX user_checks_by_user ON user_checks (user_hash, at);
        CREATE INDEX user_checks_by_time ON user_checks (at);
        CREATE TABLE revocation_notes (
            team_key TEXT PRIMARY KEY,
            note TEXT NOT NULL,
            created BIGINT NOT NULL);
        """;

    // Run by PruneAsync: what no user may still need (the results and limits expire sooner by themselves).
    private const string ChatPruneSql = "DELETE FROM chat_results WHERE expires < @b; DELETE FROM user_checks WHERE at < @b; DELETE FROM revocation_notes WHERE created < @b;";

    /// <summary>When the oldest undelivered outbox entry was queued (for the metrics); null when every alert is delivered.</summary>
    public Task<DateTimeOffset?> OldestUndeliveredAsync(CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, "SELECT MIN(created) FROM outbox WHERE delivered IS NULL;", null, cancellationToken).ConfigureAwait(false) is long ms ? Time(ms) : (DateTimeOffset?)null,
        ReadWrite, cancellationToken);

    public Task SaveResultAsync(string token, string result, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(async c =>
    {
        await ExecuteAsync(c, "DELETE FROM chat_results WHERE expires <= @now;", null, cancellationToken, ("now", Ms(now))).ConfigureAwait(false);
        await ExecuteAsync(c, """
            INSERT INTO chat_results (token, result, expires) VALUES (@t, @r, @e)
            ON CONFLICT (token) DO UPDATE SET result = excluded.result, expires = excluded.expires;
            """, null, cancellationToken, ("t", token), ("r", result), ("e", Ms(expires))).ConfigureAwait(false);
    }, ReadWrite, cancellationToken);

    public Task<string?> GetResultAsync(string token, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, "SELECT result FROM chat_results WHERE token = @t AND expires > @now;", null, cancellationToken, ("t", token), ("now", Ms(now))).ConfigureAwait(false) as string,
        ReadWrite, cancellationToken);

    /// <summary>
    /// One transaction per request, holding the user's advisory lock (<c>pg_advisory_xact_lock</c>) from the count to
    /// the insert, so two replicas asking for one user at once are served one after the other and never grant more
    /// than the limit together.
    /// </summary>
    public Task<(int Granted, DateTimeOffset? RetryAt)> AcquireUserChecksAsync(string user, int wanted, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = ChatStoreKeys.UserHash(user);
        var userLock = ChatStoreKeys.UserLock(user);
        return UseAsync(async c =>
        {
            var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(c, "SELECT pg_advisory_xact_lock(@space, @user);", transaction, cancellationToken, ("space", UserLockSpace), ("user", userLock)).ConfigureAwait(false);
                await ExecuteAsync(c, "DELETE FROM user_checks WHERE user_hash = @u AND at <= @old;", transaction, cancellationToken, ("u", hash), ("old", Ms(now - window))).ConfigureAwait(false);
                int used;
                long? oldest;
                var command = Command(c, "SELECT COUNT(*), MIN(at) FROM user_checks WHERE user_hash = @u;", transaction, [("u", hash)]);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        used = Convert.ToInt32(reader.GetInt64(0), CultureInfo.InvariantCulture);
                        oldest = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                    }
                }

                var granted = Math.Clamp(limit - used, 0, Math.Max(wanted, 0));
                if (granted > 0)
                {
                    await ExecuteAsync(c, "INSERT INTO user_checks (user_hash, at) SELECT @u, @at FROM generate_series(1, @n);", transaction, cancellationToken,
                        ("u", hash), ("at", Ms(now)), ("n", granted)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return ChatStoreKeys.Grant(granted, wanted, oldest is { } ms ? Time(ms) : null, now, window);
            }
        }, ReadWrite, cancellationToken);
    }

    public Task SetRevocationNoteAsync(string teamKey, string note, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(async c =>
        await ExecuteAsync(c, """
            INSERT INTO revocation_notes (team_key, note, created) VALUES (@k, @n, @now)
            ON CONFLICT (team_key) DO UPDATE SET note = excluded.note, created = excluded.created;
            """, null, cancellationToken, ("k", ChatStoreKeys.TeamKey(teamKey)), ("n", note), ("now", Ms(now))).ConfigureAwait(false),
        ReadWrite, cancellationToken);

    public Task<string?> TakeRevocationNoteAsync(string teamKey, CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, "DELETE FROM revocation_notes WHERE team_key = @k RETURNING note;", null, cancellationToken, ("k", ChatStoreKeys.TeamKey(teamKey))).ConfigureAwait(false) as string,
        ReadWrite, cancellationToken);

    public Task<string?> GetRevocationNoteAsync(string teamKey, CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, "SELECT note FROM revocation_notes WHERE team_key = @k;", null, cancellationToken, ("k", ChatStoreKeys.TeamKey(teamKey))).ConfigureAwait(false) as string,
        ReadWrite, cancellationToken);
}
