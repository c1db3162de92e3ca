namespace ChatOpsBot.Core.Store;

/// <summary>Section <c>Storage</c>: where the bot keeps its state.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data directory (<c>Storage:DataDirectory</c>); null: <c>data/</c> under the working directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a store operation waits for a lock held by another connection (<c>Storage:BusyTimeout</c>).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The data directory as a full path.</summary>
    public string ResolvedDirectory => Path.GetFullPath(string.IsNullOrWhiteSpace(DataDirectory) ? "data" : DataDirectory);
}
