namespace ChatOpsBot.Core.Store;

/// <summary>Section <c>Storage</c>: where the bot keeps its state.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The longest a lease may be (the bound on <see cref="LeaseDuration"/>).</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>Which store (<c>Storage:Provider</c>): <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// For <c>postgres</c>: an Npgsql connection string (<c>Storage:ConnectionString</c>), best from a secret file. Its
    /// password never reaches a log, a reply or an exception message: only the host, port and database are named.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long a replica's claim on a target or an outbox row lasts without renewal (<c>Storage:LeaseDuration</c>,
    /// 2–30 s, default 30 s): a replica that dies is taken over once its claims run out.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = MaxLeaseDuration;

    /// <summary>The data directory (<c>Storage:DataDirectory</c>); null: <c>data/</c> under the working directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a store operation waits for a lock held by another connection (<c>Storage:BusyTimeout</c>).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The data directory as a full path.</summary>
    public string ResolvedDirectory => Path.GetFullPath(string.IsNullOrWhiteSpace(DataDirectory) ? "data" : DataDirectory);
}
