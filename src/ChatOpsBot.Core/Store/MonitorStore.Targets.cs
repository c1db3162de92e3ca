using System.Text.Json;
using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Core.Store;

// Targets: each target's saved state, and recording a check (its row, the new state and its alerts in one transaction).
public sealed partial class MonitorStore
{
    /// <summary>Every target's saved state.</summary>
    public Task<IReadOnlyDictionary<string, TargetRecord>> LoadStatesAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyDictionary<string, TargetRecord>>(c =>
    {
        var states = new Dictionary<string, TargetRecord>(StringComparer.OrdinalIgnoreCase);
        using var command = Command(c, "SELECT target, record FROM target_state;", null, []);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                if (JsonSerializer.Deserialize(reader.GetString(1), StoreJsonContext.Default.TargetRecord) is { } record)
                {
                    states[reader.GetString(0)] = record;
                }
            }
            catch (JsonException)
            {
                // an unreadable state is forgotten: the target starts as unknown
            }
        }

        return states;
    }, cancellationToken);

    /// <summary>
    /// Records one check in one transaction: the history point, the target's new state and the alerts it caused, so a
    /// crash cannot keep the state without its alert or the alert without its state.
    /// </summary>
    public Task RecordCheckAsync(CheckRow check, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(alerts);
        return UseAsync(c =>
        {
            using var transaction = c.BeginTransaction();
            Execute(c, "INSERT INTO checks (target, at, passed, code, latency_ms) VALUES ($t, $at, $p, $code, $ms);", transaction,
                ("$t", check.Target), ("$at", Ms(check.At)), ("$p", check.Passed ? 1 : 0), ("$code", check.Code), ("$ms", (long)check.Latency.TotalMilliseconds));
            Execute(c, """
                INSERT INTO target_state (target, state, updated, record) VALUES ($t, $s, $u, $r)
                ON CONFLICT (target) DO UPDATE SET state = excluded.state, updated = excluded.updated, record = excluded.record;
                """, transaction,
                ("$t", check.Target), ("$s", record.State.ToString()), ("$u", Ms(now)), ("$r", JsonSerializer.Serialize(record, StoreJsonContext.Default.TargetRecord)));
            Insert(c, transaction, alerts, now);
            transaction.Commit();
            return 0;
        }, cancellationToken);
    }
}
