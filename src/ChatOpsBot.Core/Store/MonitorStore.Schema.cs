using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Core.Store;

// Schema: opening the file, creating and migrating the tables, and explaining SQLite failures.
public sealed partial class MonitorStore
{
    private SqliteConnection Open()
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new MonitorStoreException(
                $"The data directory {directory} (Storage:DataDirectory) cannot be created: {ex.GetType().Name}: {ex.Message} Point Storage:DataDirectory at a writable folder.", ex);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // disposing closes the file: a restart in the same process (and the tests) can reopen it
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.Value.BusyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA locking_mode = EXCLUSIVE;");
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new MonitorStoreException($"The monitor's store {FilePath} could not be switched to WAL mode (it stayed in \"{mode}\"). Is the data directory on a network file system? Use a local folder for Storage:DataDirectory.");
            }

            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            Migrate(connection);
            Log.Opened(logger, FilePath);
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Explain(ex, "could not be opened");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;", transaction), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new MonitorStoreException($"The monitor's store {FilePath} was written by a newer ChatOpsBot (schema {version}, this one knows {SchemaVersion}). Run the newer version, or move the file aside to start afresh.");
        }

        if (version < 1)
        {
            Execute(connection, """
                CREATE TABLE checks (
                    id INTEGER PRIMARY KEY,
                    target TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    passed INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    latency_ms INTEGER NOT NULL);
                CREATE INDEX checks_by_target ON checks (target, at);
                CREATE TABLE target_state (
                    target TEXT PRIMARY KEY,
                    state TEXT NOT NULL,
                    updated INTEGER NOT NULL,
                    record TEXT NOT NULL);
                CREATE TABLE mutes (
                    target TEXT PRIMARY KEY,
                    until INTEGER NOT NULL,
                    requested_by TEXT NOT NULL);
                CREATE TABLE subscriptions (
                    destination TEXT PRIMARY KEY,
                    requested_by TEXT NOT NULL,
                    created INTEGER NOT NULL);
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    destination TEXT NOT NULL,
                    target TEXT,
                    kind TEXT NOT NULL,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    payload TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt INTEGER NOT NULL,
                    delivered INTEGER,
                    problem TEXT);
                CREATE INDEX outbox_due ON outbox (delivered, next_attempt);
                CREATE TABLE destinations (
                    destination TEXT PRIMARY KEY,
                    problem TEXT,
                    last_delivered INTEGER);
                """, transaction);
        }

        if (version < 2)
        {
            Execute(connection, ChatTablesSql, transaction);
        }

        if (version < 3)
        {
            Execute(connection, CheckpointTablesSql, transaction);
        }

        Execute(connection, $"PRAGMA user_version = {SchemaVersion};", transaction);
        transaction.Commit();
    }

    private MonitorStoreException Explain(SqliteException ex, string what)
    {
        var why = ex.SqliteErrorCode switch
        {
            5 or 6 => "it is locked by another process. Is another ChatOpsBot running with the same Storage:DataDirectory? Stop it, or give each bot its own data directory.",
            26 => "it is not a SQLite database. Move it aside (the bot then starts a new store) or point Storage:DataDirectory elsewhere.",
            11 => "the database is corrupt. Move it aside (the bot then starts a new store), or repair it with the sqlite3 tool's .recover.",
            8 => "the file or its folder is read-only. Make Storage:DataDirectory writable for the bot's user.",
            14 or 3 => "the file cannot be opened there (missing folder or no permission). Make Storage:DataDirectory a writable folder.",
            13 => "the disk is full.",
            _ => $"SQLite error {ex.SqliteErrorCode}: {ex.Message}",
        };
        return new MonitorStoreException($"The monitor's store {FilePath} {what}: {why}", ex);
    }
}
