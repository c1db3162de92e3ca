namespace ChatOpsBot.Core.Store;

// What metrics ask of the store: how old is the oldest alert still waiting.
public sealed partial class MonitorStore
{
    /// <summary>When the oldest undelivered outbox entry was queued; null when every alert is delivered.</summary>
    public Task<DateTimeOffset?> OldestUndeliveredAsync(CancellationToken cancellationToken) => UseAsync<DateTimeOffset?>(c =>
    {
        using var command = Command(c, "SELECT MIN(created) FROM outbox WHERE delivered IS NULL;", null, []);
        return command.ExecuteScalar() is long ms ? Time(ms) : null;
    }, cancellationToken);
}
