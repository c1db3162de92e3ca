using ChatOpsBot.Core.Monitor;

namespace ChatOpsBot.Core.Store;

/// <summary>
/// Where the bot keeps what outlives a message: the monitor's check history, each target's alert state, mutes,
/// subscriptions, the outbox and leases; and for chat, the results behind Re-run/Details buttons, each user's recent
/// checks of their own keys (the hourly limit) and why a revoked team key stopped working. Two implementations: <see cref="MonitorStore"/> (embedded SQLite, one process) and
/// <see cref="Postgres.PostgresMonitorStore"/> (PostgreSQL, shared by several replicas). Every failure is a
/// <see cref="MonitorStoreException"/> whose message names the file or host and holds no secret.
/// </summary>
public interface IMonitorStore : IAsyncDisposable
{
    /// <summary>
    /// True when other processes may share this store (PostgreSQL): targets and outbox rows are then claimed before
    /// they are worked on, and a target's state is read back from the store before each check.
    /// </summary>
    bool IsShared { get; }

    /// <summary>This process's name in leases and claims (random per process).</summary>
    string ReplicaId { get; }

    /// <summary>Opens (creating and migrating) the store now, so a bad file or database stops the start with a clear error.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>A cheap round trip to the store (for a readiness probe); throws <see cref="MonitorStoreException"/> when it is not reachable.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Every target's saved state.</summary>
    Task<IReadOnlyDictionary<string, TargetRecord>> LoadStatesAsync(CancellationToken cancellationToken);

    /// <summary>One target's saved state; null when it has none.</summary>
    Task<TargetRecord?> GetStateAsync(string target, CancellationToken cancellationToken);

    /// <summary>Records one check, the target's new state and the alerts it caused, in one transaction.</summary>
    Task RecordCheckAsync(CheckRow check, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="RecordCheckAsync"/>, but only if the target's saved state is still the one the check began from
    /// (its <see cref="TargetRecord.LastCheck"/> equals <paramref name="before"/>'s): false, and nothing written, when
    /// another replica recorded a check of it meanwhile, so two replicas never both alert on one change.
    /// </summary>
    Task<bool> RecordCheckIfUnchangedAsync(CheckRow check, TargetRecord before, TargetRecord record, IReadOnlyList<OutboxEntry> alerts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Mutes <paramref name="target"/> until <paramref name="until"/>; null unmutes.</summary>
    Task SetMuteAsync(string target, DateTimeOffset? until, string requestedBy, CancellationToken cancellationToken);

    /// <summary>Every mute that has not ended by <paramref name="now"/>.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMutesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds a subscription; false when it was there already.</summary>
    Task<bool> AddSubscriptionAsync(string destination, string requestedBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a subscription; false when there was none.</summary>
    Task<bool> RemoveSubscriptionAsync(string destination, CancellationToken cancellationToken);

    Task<IReadOnlyList<SubscriptionRow>> GetSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Checks of <paramref name="target"/> since <paramref name="from"/>, oldest first.</summary>
    Task<IReadOnlyList<CheckRow>> GetChecksAsync(string target, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets check history and delivered alerts older than <paramref name="before"/>, never an undelivered alert; and
    /// chat results, check stamps and revocation notes older than that.
    /// </summary>
    Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Queues alerts outside a check (a test alert).</summary>
    Task EnqueueAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Undelivered entries due by <paramref name="now"/>, oldest first, one destination's in order. A shared store
    /// claims them for this replica (for <see cref="StorageOptions.LeaseDuration"/>): no other replica gets them until
    /// they are marked or the claim runs out.
    /// </summary>
    Task<IReadOnlyList<OutboxRow>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Extends every claim this replica holds on undelivered entries to <paramref name="now"/> +
    /// <see cref="StorageOptions.LeaseDuration"/>, while it is still working through them (a slow platform).
    /// </summary>
    Task RenewClaimsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the oldest undelivered outbox entry was queued; null when every alert is delivered.</summary>
    Task<DateTimeOffset?> OldestUndeliveredAsync(CancellationToken cancellationToken);

    /// <summary>Every undelivered entry, oldest first.</summary>
    Task<IReadOnlyList<OutboxRow>> GetPendingAsync(CancellationToken cancellationToken);

    /// <summary>When the next undelivered entry is due; null when the outbox is empty.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>Marks an entry delivered and its destination as working; returns the destination's previous problem.</summary>
    Task<string?> MarkDeliveredAsync(OutboxRow row, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt, holding the destination's waiting entries until <paramref name="nextAttempt"/>; returns its previous problem.</summary>
    Task<string?> MarkFailedAsync(OutboxRow row, DateTimeOffset nextAttempt, string problem, CancellationToken cancellationToken);

    /// <summary>What the dispatcher knows of each destination, with how many alerts wait for it.</summary>
    Task<IReadOnlyList<(DestinationRow Row, int Waiting)>> GetDestinationsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for this replica until <paramref name="now"/> +
    /// <paramref name="duration"/>. True when this replica holds it afterwards; false while another replica holds an
    /// unexpired one. A single-process store grants every lease at once.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease <paramref name="name"/> up if this replica holds it, so another may take it at once.</summary>
    Task ReleaseLeaseAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a finished result (<paramref name="result"/>: its JSON, already scrubbed) under <paramref name="token"/>
    /// until <paramref name="expires"/>, and forgets every result expired by <paramref name="now"/>.
    /// </summary>
    Task SaveResultAsync(string token, string result, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The result kept under <paramref name="token"/>, if it has not expired by <paramref name="now"/>; null otherwise.</summary>
    Task<string?> GetResultAsync(string token, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="wanted"/> checks for <paramref name="user"/> of at most <paramref name="limit"/> in
    /// any <paramref name="window"/> ending at <paramref name="now"/>, atomically for that user across every process
    /// sharing the store. Returns how many were granted and, when fewer than wanted, when the next one frees up.
    /// </summary>
    Task<(int Granted, DateTimeOffset? RetryAt)> AcquireUserChecksAsync(string user, int wanted, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps why the team key <paramref name="teamKey"/> was revoked, for the monitor's next alert on it.</summary>
    Task SetRevocationNoteAsync(string teamKey, string note, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The note for <paramref name="teamKey"/>, removed (only one caller gets it); null when there is none.</summary>
    Task<string?> TakeRevocationNoteAsync(string teamKey, CancellationToken cancellationToken);

    /// <summary>The note for <paramref name="teamKey"/>, kept; null when there is none.</summary>
    Task<string?> GetRevocationNoteAsync(string teamKey, CancellationToken cancellationToken);

    /// <summary>
    /// The checkpoint kept under <paramref name="name"/> (a small text value, such as how far Telegram polling got, so
    /// the replica that polls next goes on from there); null when there is none.
    /// </summary>
    Task<string?> GetCheckpointAsync(string name, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="name"/>, replacing what was there.</summary>
    Task SetCheckpointAsync(string name, string value, DateTimeOffset now, CancellationToken cancellationToken);
}
