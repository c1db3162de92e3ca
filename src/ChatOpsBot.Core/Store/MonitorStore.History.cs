namespace ChatOpsBot.Core.Store;

// Results and history: the checks of a target over time, and pruning old ones.
public sealed partial class MonitorStore
{
    /// <summary>Checks of <paramref name="target"/> since <paramref name="from"/>, oldest first.</summary>
    public Task<IReadOnlyList<CheckRow>> GetChecksAsync(string target, DateTimeOffset from, CancellationToken cancellationToken) => UseAsync<IReadOnlyList<CheckRow>>(c =>
    {
        var rows = new List<CheckRow>();
        using var command = Command(c, "SELECT at, passed, code, latency_ms FROM checks WHERE target = $t AND at >= $from ORDER BY at, id;", null, [("$t", target), ("$from", Ms(from))]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new CheckRow(target, Time(reader.GetInt64(0)), reader.GetInt64(1) != 0, reader.GetString(2), TimeSpan.FromMilliseconds(reader.GetInt64(3))));
        }

        return rows;
    }, cancellationToken);

    /// <summary>
    /// Forgets check history and <b>delivered</b> alerts older than <paramref name="before"/>. An undelivered alert is
    /// never dropped here, however old (a forward clock jump must not wipe the outbox): it waits until it is delivered,
    /// is counted as waiting in <c>/alerts list</c>, and is reported in <see cref="PruneResult.UndeliveredOlder"/>.
    /// </summary>
    public Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var transaction = c.BeginTransaction();
        using var checks = Command(c, "DELETE FROM checks WHERE at < $b;", transaction, [("$b", Ms(before))]);
        var removed = checks.ExecuteNonQuery();
        using var outbox = Command(c, "DELETE FROM outbox WHERE created < $b AND delivered IS NOT NULL;", transaction, [("$b", Ms(before))]);
        removed += outbox.ExecuteNonQuery();
        using var kept = Command(c, "SELECT COUNT(*) FROM outbox WHERE created < $b AND delivered IS NULL;", transaction, [("$b", Ms(before))]);
        var undelivered = Convert.ToInt32(kept.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Execute(c, ChatPruneSql, transaction, ("$b", Ms(before)));
        transaction.Commit();
        return new PruneResult(removed, undelivered);
    }, cancellationToken);
}
