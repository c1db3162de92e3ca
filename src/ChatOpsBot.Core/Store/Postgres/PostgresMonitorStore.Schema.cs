using System.Globalization;
using Npgsql;

namespace ChatOpsBot.Core.Store.Postgres;

// Schema: the same tables as the SQLite store, numbered the same way, plus outbox claims and leases; and SQL helpers.
public sealed partial class PostgresMonitorStore
{
    private const int SchemaVersion = 3;

    // Any number unique to this program: held while migrating (several replicas may start at once) and while claiming outbox rows.
    private const long MigrationLock = 0x43_68_61_74_4F_70_73_01;
    private const long ClaimLock = 0x43_68_61_74_4F_70_73_02;

    private async Task MigrateAsync(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        var transaction = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(c, "SELECT pg_advisory_xact_lock(@lock);", transaction, cancellationToken, ("lock", MigrationLock)).ConfigureAwait(false);
            await ExecuteAsync(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", transaction, cancellationToken).ConfigureAwait(false);
            var found = await ScalarAsync(c, "SELECT MAX(version) FROM schema_version;", transaction, cancellationToken).ConfigureAwait(false);
            var version = found is null or DBNull ? 0 : Convert.ToInt32(found, CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new MonitorStoreException($"The monitor's store {Where} was written by a newer ChatOpsBot (schema {version}, this one knows {SchemaVersion}). Run the newer version on every replica.");
            }

            if (version < 1)
            {
                await ExecuteAsync(c, """
                    CREATE TABLE checks (
                        id BIGSERIAL PRIMARY KEY,
                        target TEXT NOT NULL,
                        at BIGINT NOT NULL,
                        passed BOOLEAN NOT NULL,
                        code TEXT NOT NULL,
                        latency_ms BIGINT NOT NULL);
                    CREATE INDEX checks_by_target ON checks (target, at);
                    CREATE TABLE target_state (
                        target TEXT PRIMARY KEY,
                        state TEXT NOT NULL,
                        updated BIGINT NOT NULL,
                        record TEXT NOT NULL);
                    CREATE TABLE mutes (
                        target TEXT PRIMARY KEY,
                        until BIGINT NOT NULL,
                        requested_by TEXT NOT NULL);
                    CREATE TABLE subscriptions (
                        destination TEXT PRIMARY KEY,
                        requested_by TEXT NOT NULL,
                        created BIGINT NOT NULL);
                    CREATE TABLE outbox (
                        id BIGSERIAL PRIMARY KEY,
                        destination TEXT NOT NULL,
                        target TEXT,
                        kind TEXT NOT NULL,
                        dedupe_key TEXT NOT NULL UNIQUE,
                        payload TEXT NOT NULL,
                        created BIGINT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt BIGINT NOT NULL,
                        delivered BIGINT,
                        problem TEXT,
                        claimed_by TEXT,
                        claim_until BIGINT);
                    CREATE INDEX outbox_due ON outbox (destination, id) WHERE delivered IS NULL;
                    CREATE TABLE destinations (
                        destination TEXT PRIMARY KEY,
                        problem TEXT,
                        last_delivered BIGINT);
                    CREATE TABLE leases (
                        name TEXT PRIMARY KEY,
                        holder TEXT NOT NULL,
                        expires BIGINT NOT NULL);
                    INSERT INTO schema_version (version) VALUES (1);
                    """, transaction, cancellationToken).ConfigureAwait(false);
            }

            if (version < 2)
            {
                await ExecuteAsync(c, ChatTablesSql + "INSERT INTO schema_version (version) VALUES (2);", transaction, cancellationToken).ConfigureAwait(false);
            }

            if (version < 3)
            {
                await ExecuteAsync(c, CheckpointTablesSql + "INSERT INTO schema_version (version) VALUES (3);", transaction, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection c, string sql, NpgsqlTransaction? transaction, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(c, sql, transaction, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql, NpgsqlTransaction? transaction, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(c, sql, transaction, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection c, string sql, NpgsqlTransaction? transaction, (string Name, object? Value)[] parameters)
    {
#pragma warning disable CA2100 // every statement is a constant of this class; values go in parameters
        var command = new NpgsqlCommand(sql, c, transaction);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
