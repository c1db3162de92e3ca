using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Store;

/// <summary>
/// The monitor's SQLite store (<c>monitor.db</c> in <c>Storage:DataDirectory</c>): check history, alert state,
/// mutes, subscriptions, the outbox and notes on revoked team keys. Created and migrated when opened; WAL journal; the connection holds the file
/// exclusively, so a second bot on the same data directory gets a clear error instead of sending every alert twice.
/// One connection, one operation at a time. Every failure is a <see cref="MonitorStoreException"/> naming the file.
/// Nothing written here is a secret: keys never reach the monitor's records, alerts are scrubbed, and destinations that
/// carry a token (webhook URLs) are kept as fingerprints.
/// </summary>
public sealed partial class MonitorStore(IOptions<StorageOptions> options, ILogger<MonitorStore> logger) : IMonitorStore, IAsyncDisposable, IDisposable
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "monitor.db";

    private const int SchemaVersion = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; } = Path.Combine(options.Value.ResolvedDirectory, FileName);

    /// <summary>Opens (creating and migrating) the store now, so a bad file stops the start with a clear error.</summary>
    public Task OpenAsync(CancellationToken cancellationToken) => UseAsync(_ => 0, cancellationToken);

    private async Task<T> UseAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ??= Open();
            try
            {
                return work(connection);
            }
            catch (SqliteException ex)
            {
                throw Explain(ex, "could not be read or written");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            CloseLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            CloseLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void CloseLocked()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection?.Dispose();
        _connection = null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Monitor store open at {Path} (WAL).")]
        public static partial void Opened(ILogger logger, string path);
    }
}
