namespace ChatOpsBot.Core.Store;

// What health checks and metrics ask of the store: is it there, and how old is the oldest alert still waiting.
public sealed partial class MonitorStore
{
    /// <summary>True when the store answers a trivial query now (opening it first if need be); false, never a throw, when it cannot.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await UseAsync(c =>
            {
                using var command = Command(c, "SELECT 1;", null, []);
                return command.ExecuteScalar();
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is MonitorStoreException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>When the oldest undelivered outbox entry was queued; null when every alert is delivered.</summary>
    public Task<DateTimeOffset?> OldestUndeliveredAsync(CancellationToken cancellationToken) => UseAsync<DateTimeOffset?>(c =>
    {
        using var command = Command(c, "SELECT MIN(created) FROM outbox WHERE delivered IS NULL;", null, []);
        return command.ExecuteScalar() is long ms ? Time(ms) : null;
    }, cancellationToken);
}
