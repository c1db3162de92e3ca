namespace ChatOpsBot.Core.Store;

/// <summary>Which store keeps the bot's state (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file in <c>Storage:DataDirectory</c>: one process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>Storage:ConnectionString</c>): several replicas may share it.</summary>
    Postgres,
}
