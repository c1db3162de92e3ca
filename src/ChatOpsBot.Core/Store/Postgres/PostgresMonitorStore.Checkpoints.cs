namespace ChatOpsBot.Core.Store.Postgres;

// Checkpoints shared by replicas: small named values (how far Telegram polling got), so the replica that takes over
// goes on where the last one stopped.
public sealed partial class PostgresMonitorStore
{
    // Schema 3, the same table as the SQLite store's.
    private const string CheckpointTablesSql = """
        CREATE TABLE checkpoints (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated BIGINT NOT NULL);
        """;

    public Task<string?> GetCheckpointAsync(string name, CancellationToken cancellationToken) => UseAsync(async c =>
        await ScalarAsync(c, "SELECT value FROM checkpoints WHERE name = @n;", null, cancellationToken, ("n", name)).ConfigureAwait(false) as string,
        ReadWrite, cancellationToken);

    public Task SetCheckpointAsync(string name, string value, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(async c =>
        await ExecuteAsync(c, """
            INSERT INTO checkpoints (name, value, updated) VALUES (@n, @v, @u)
            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated = EXCLUDED.updated;
            """, null, cancellationToken, ("n", name), ("v", value), ("u", Ms(now))).ConfigureAwait(false),
        ReadWrite, cancellationToken);
}
