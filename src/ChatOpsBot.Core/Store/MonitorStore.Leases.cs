using System.Text.Json;
using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Core.Store;

// One process owns the SQLite file (it is opened exclusively): every lease is granted at once, nothing is shared.
public sealed partial class MonitorStore
{
    public bool IsShared => false;

    public string ReplicaId { get; } = "local";

    public Task PingAsync(CancellationToken cancellationToken) => UseAsync(c => Scalar(c, "SELECT 1;"), cancellationToken);

    public Task<TargetRecord?> GetStateAsync(string target, CancellationToken cancellationToken) => UseAsync(c =>
    {
        try
        {
            return Scalar(c, "SELECT record FROM target_state WHERE target = $t;", null, ("$t", target)) is string json
                ? JsonSerializer.Deserialize(json, StoreJsonContext.Default.TargetRecord)
                : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable state is forgotten: the target starts as unknown
        }
    }, cancellationToken);

    public async Task<bool> RecordCheckIfUnchangedAsync(CheckRow check, TargetRecord before, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RecordCheckAsync(check, record, alerts, now, cancellationToken).ConfigureAwait(false);
        return true; // one process: nobody else records
    }

    public Task<bool> TryAcquireLeaseAsync(string name, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task RenewClaimsAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseLeaseAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
}
