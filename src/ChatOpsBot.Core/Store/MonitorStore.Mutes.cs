namespace ChatOpsBot.Core.Store;

// Mutes and subscriptions: who silenced which target until when, and where alerts go.
public sealed partial class MonitorStore
{
    /// <summary>Mutes <paramref name="target"/> until <paramref name="until"/>; null unmutes.</summary>
    public Task SetMuteAsync(string target, DateTimeOffset? until, string requestedBy, CancellationToken cancellationToken) => UseAsync(c =>
    {
        if (until is { } end)
        {
            Execute(c, """
                INSERT INTO mutes (target, until, requested_by) VALUES ($t, $u, $by)
                ON CONFLICT (target) DO UPDATE SET until = excluded.until, requested_by = excluded.requested_by;
                """, null, ("$t", target), ("$u", Ms(end)), ("$by", requestedBy));
        }
        else
        {
            Execute(c, "DELETE FROM mutes WHERE target = $t;", null, ("$t", target));
        }

        return 0;
    }, cancellationToken);

    /// <summary>Every mute that has not ended by <paramref name="now"/>.</summary>
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMutesAsync(DateTimeOffset now, CancellationToken cancellationToken) => UseAsync<IReadOnlyDictionary<string, DateTimeOffset>>(c =>
    {
        var mutes = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        using var command = Command(c, "SELECT target, until FROM mutes WHERE until > $now;", null, [("$now", Ms(now))]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            mutes[reader.GetString(0)] = Time(reader.GetInt64(1));
        }

        return mutes;
    }, cancellationToken);

    /// <summary>Adds a subscription; false when it was there already.</summary>
    public Task<bool> AddSubscriptionAsync(string destination, string requestedBy, DateTimeOffset now, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var command = Command(c, "INSERT OR IGNORE INTO subscriptions (destination, requested_by, created) VALUES ($d, $by, $now);", null, [("$d", destination), ("$by", requestedBy), ("$now", Ms(now))]);
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    /// <summary>Removes a subscription; false when there was none.</summary>
    public Task<bool> RemoveSubscriptionAsync(string destination, CancellationToken cancellationToken) => UseAsync(c =>
    {
        using var command = Command(c, "DELETE FROM subscriptions WHERE destination = $d;", null, [("$d", destination)]);
        return command.ExecuteNonQuery() == 1;
    }, cancellationToken);

    public Task<IReadOnlyList<SubscriptionRow>> GetSubscriptionsAsync(CancellationToken cancellationToken) => UseAsync<IReadOnlyList<SubscriptionRow>>(c =>
    {
        var rows = new List<SubscriptionRow>();
        using var command = Command(c, "SELECT destination, requested_by, created FROM subscriptions ORDER BY created, destination;", null, []);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SubscriptionRow(reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2))));
        }

        return rows;
    }, cancellationToken);
}
