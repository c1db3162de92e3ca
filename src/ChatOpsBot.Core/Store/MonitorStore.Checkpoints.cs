namespace ChatOpsBot.Core.Store;

// Checkpoints: small named values a process keeps across restarts (with SQLite one process owns the file).
public sealed partial class MonitorStore
{
    // Schema 3.
    private const string CheckpointTablesSql = """
        CREATE TABLE checkpoints (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated INTEGER NOT NULL);
        """;

    public Task<string?> GetCheckpointAsync(string name, CancellationToken cancellationToken) => UseAsync(c =>
        Scalar(c, "SELECT value FROM checkpoints WHERE name = $n;", null, ("$n", name)) as string, cancellationToken);

    public Task SetCheckpointAsync(string name, string value, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
    {
        Execute(c, "INSERT OR REPLACE INTO checkpoints (name, value, updated) VALUES ($n, $v, $u);", null, ("$n", name), ("$v", value), ("$u", Ms(now)));
        return 0;
    }, cancellationToken);
}
