using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsBot.Core.Store.Postgres;

/// <summary>
/// The monitor's store in PostgreSQL (<c>Storage:Provider</c> = <c>postgres</c>), shared by several replicas: the
/// same tables as the SQLite store plus claims on outbox rows and a table of named leases, so each target is checked
/// and each alert delivered by one replica at a time, and a replica that dies is taken over once its leases run out
/// (<see cref="StorageOptions.LeaseDuration"/>). Opened through <see cref="NpgsqlSlimDataSourceBuilder"/> (trim- and
/// AOT-safe; only the plain types used here). Times are Unix milliseconds from the callers' clock, as in SQLite.
/// Every failure is a <see cref="MonitorStoreException"/> naming host, port and database, never the password.
/// </summary>
public sealed partial class PostgresMonitorStore(IOptions<StorageOptions> options, ILogger<PostgresMonitorStore> logger) : IMonitorStore, IAsyncDisposable
{
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private NpgsqlDataSource? _source;
    private bool _migrated;
    private bool _disposed;

    public bool IsShared => true;

    /// <summary>Random per process, with the host name first so a person reading the lease table can tell replicas apart.</summary>
    public string ReplicaId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{RandomNumberGenerator.GetHexString(6, lowercase: true)}";

    /// <summary>Where the store is, for messages: host, port and database; never the user's password.</summary>
    public string Where => Describe(options.Value.ConnectionString);

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _openGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_migrated)
            {
                return;
            }

            await RunAsync(async c =>
            {
                await MigrateAsync(c, cancellationToken).ConfigureAwait(false);
                return 0;
            }, "could not be opened", cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _migrated, true);
            Log.Opened(logger, Where);
        }
        finally
        {
            _openGate.Release();
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        UseAsync(async c => await ScalarAsync(c, "SELECT 1;", null, cancellationToken).ConfigureAwait(false), "is not reachable", cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled connection, creating and migrating the tables first if needed.</summary>
    private async Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, string what, CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref _migrated))
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        return await RunAsync(work, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, string what, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var source = _source ??= Build();
        try
        {
            var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection).ConfigureAwait(false);
            }
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Explain(ex, what);
        }
        catch (TimeoutException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MonitorStoreException($"The monitor's store {Where} {what}: it did not answer in time. Is PostgreSQL running and reachable from here?", ex);
        }
    }

    private Task<int> UseAsync(Func<NpgsqlConnection, Task> work, string what, CancellationToken cancellationToken) =>
        UseAsync(async c =>
        {
            await work(c).ConfigureAwait(false);
            return 0;
        }, what, cancellationToken);

    private NpgsqlDataSource Build()
    {
        var connectionString = options.Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new MonitorStoreException("Storage:Provider is postgres but Storage:ConnectionString is empty. Set it (best from a secret file), for example Host=db;Database=chatopsbot;Username=chatopsbot;Password=….");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // Not the parser's message: it may quote a piece of the string, and the string holds the password.
            throw new MonitorStoreException("Storage:ConnectionString is not a valid Npgsql connection string (keywords such as Host, Port, Database, Username, Password separated by ';'). See https://www.npgsql.org/doc/connection-string-parameters.html.");
        }

        parsed.ApplicationName ??= "chatopsbot";
        parsed.IncludeErrorDetail = false; // server error details can quote row values
        return new NpgsqlSlimDataSourceBuilder(parsed.ConnectionString).Build();
    }

    /// <summary>Host, port and database of <paramref name="connectionString"/>; never its password.</summary>
    public static string Describe(string? connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString ?? "");
            var host = string.IsNullOrEmpty(parsed.Host) ? "localhost" : parsed.Host;
            return $"postgres://{host}:{parsed.Port}/{parsed.Database ?? parsed.Username ?? ""}";
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return "(Storage:ConnectionString, unreadable)";
        }
    }

    private MonitorStoreException Explain(NpgsqlException ex, string what)
    {
        var why = ex switch
        {
            PostgresException { SqlState: "28P01" or "28000" } => "the user name or password was refused. Check Username and Password in Storage:ConnectionString.",
            PostgresException { SqlState: "3D000" } => "the database does not exist. Create it (createdb) or fix Database in Storage:ConnectionString.",
            PostgresException { SqlState: "42501" } => "the user may not create or use the tables. Grant it CREATE on the database's public schema, or run the bot as the database's owner.",
            PostgresException { SqlState: "57P03" } => "PostgreSQL is starting up or shutting down. The bot tries again.",
            PostgresException pg => $"PostgreSQL error {pg.SqlState}: {pg.MessageText}",
            { InnerException: System.Net.Sockets.SocketException socket } => $"it cannot be reached ({socket.SocketErrorCode}). Is PostgreSQL running, and do Host and Port in Storage:ConnectionString point at it?",
            _ => $"{ex.GetType().Name}: {ex.Message}",
        };
        return new MonitorStoreException($"The monitor's store {Where} {what}: {why}", ex);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_source is { } source)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }

        _openGate.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Monitor store open at {Where} (PostgreSQL, shared by replicas).")]
        public static partial void Opened(ILogger logger, string where);
    }
}
