using System.Globalization;

namespace ChatOpsBot.Core.Store;

// Chat state: results behind buttons, each user's recent checks of their own keys, and notes on revoked team keys.
// With SQLite one process owns the file, so a transaction on the one connection serializes everything.
public sealed partial class MonitorStore
{
    // Schema 2. Users are kept as a hash of their platform id (UserKeyHash), team keys in lower case.
    private const string ChatTablesSql = """
        CREATE TABLE chat_results (
            token TEXT PRIMARY KEY,
            result TEXT NOT NULL,
            expires INTEGER NOT NULL);
        CREATE INDEX chat_results_expiry ON chat_results (expires);
        CREATE TABLE user_checks (
            id INTEGER PRIMARY KEY,
            user_hash TEXT NOT NULL,
            at INTEGER NOT NULL);
        CREATE INDEX user_checks_by_user ON user_checks (user_hash, at);
        CREATE INDEX user_checks_by_time ON user_checks (at);
        CREATE TABLE revocation_notes (
            team_key TEXT PRIMARY KEY,
            note TEXT NOT NULL,
            created INTEGER NOT NULL);
        """;

    // Run by PruneAsync: what no user may still need (the results and limits expire sooner by themselves).
    private const string ChatPruneSql = "DELETE FROM chat_results WHERE expires < $b; DELETE FROM user_checks WHERE at < $b; DELETE FROM revocation_notes WHERE created < $b;";

    public Task SaveResultAsync(string token, string result, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var transaction = c.BeginTransaction();
        Execute(c, "DELETE FROM chat_results WHERE expires <= $now;", transaction, ("$now", Ms(now)));
        Execute(c, "INSERT OR REPLACE INTO chat_results (token, result, expires) VALUES ($t, $r, $e);", transaction, ("$t", token), ("$r", result), ("$e", Ms(expires)));
        transaction.Commit();
        return 0;
    }, cancellationToken);

    public Task<string?> GetResultAsync(string token, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
        Scalar(c, "SELECT result FROM chat_results WHERE token = $t AND expires > $now;", null, ("$t", token), ("$now", Ms(now))) as string, cancellationToken);

    public Task<(int Granted, DateTimeOffset? RetryAt)> AcquireUserChecksAsync(string user, int wanted, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = ChatStoreKeys.UserHash(user);
        return UseAsync(c =>
        {
            using var transaction = c.BeginTransaction();
            Execute(c, "DELETE FROM user_checks WHERE user_hash = $u AND at <= $old;", transaction, ("$u", hash), ("$old", Ms(now - window)));
            using var count = Command(c, "SELECT COUNT(*), MIN(at) FROM user_checks WHERE user_hash = $u;", transaction, [("$u", hash)]);
            int used;
            long? oldest;
            using (var reader = count.ExecuteReader())
            {
                reader.Read();
                used = Convert.ToInt32(reader.GetInt64(0), CultureInfo.InvariantCulture);
                oldest = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }

            var granted = Math.Clamp(limit - used, 0, Math.Max(wanted, 0));
            for (var i = 0; i < granted; i++)
            {
                Execute(c, "INSERT INTO user_checks (user_hash, at) VALUES ($u, $at);", transaction, ("$u", hash), ("$at", Ms(now)));
            }

            transaction.Commit();
            return ChatStoreKeys.Grant(granted, wanted, oldest is { } ms ? Time(ms) : null, now, window);
        }, cancellationToken);
    }

    public Task SetRevocationNoteAsync(string teamKey, string note, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
    {
        Execute(c, """
            INSERT INTO revocation_notes (team_key, note, created) VALUES ($k, $n, $now)
            ON CONFLICT (team_key) DO UPDATE SET note = excluded.note, created = excluded.created;
            """, null, ("$k", ChatStoreKeys.TeamKey(teamKey)), ("$n", note), ("$now", Ms(now)));
        return 0;
    }, cancellationToken);

    public Task<string?> TakeRevocationNoteAsync(string teamKey, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var transaction = c.BeginTransaction();
        var note = Scalar(c, "SELECT note FROM revocation_notes WHERE team_key = $k;", transaction, ("$k", ChatStoreKeys.TeamKey(teamKey))) as string;
        Execute(c, "DELETE FROM revocation_notes WHERE team_key = $k;", transaction, ("$k", ChatStoreKeys.TeamKey(teamKey)));
        transaction.Commit();
        return note;
    }, cancellationToken);

    public Task<string?> GetRevocationNoteAsync(string teamKey, CancellationToken cancellationToken) => UseAsync(c =>
        Scalar(c, "SELECT note FROM revocation_notes WHERE team_key = $k;", null, ("$k", ChatStoreKeys.TeamKey(teamKey))) as string, cancellationToken);
}
