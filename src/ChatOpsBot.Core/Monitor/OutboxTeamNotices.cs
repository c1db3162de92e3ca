using System.Security.Cryptography;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Revocation;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// <see cref="ITeamNotices"/> through the monitor's outbox: one entry per destination of the named keys' targets and
/// per subscription, scrubbed before it is stored, delivered and retried like any alert. Without targets nothing is
/// queued (and no store is opened).
/// </summary>
public sealed class OutboxTeamNotices(MonitorCatalog catalog, MonitorStore store, OutboxSignal outbox, SecretScrubber scrubber, TimeProvider timeProvider) : ITeamNotices
{
    public async Task<int> QueueAsync(IReadOnlyList<string> teamKeyNames, Reply notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teamKeyNames);
        ArgumentNullException.ThrowIfNull(notice);
        if (catalog.Targets.Count == 0)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow();
        var payload = scrubber.ScrubJsonText(OutboxPayload.Write(notice.MapText(scrubber.Scrub)));
        var subscriptions = await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var targets = catalog.Targets.Where(t => teamKeyNames.Contains(t.Key.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var destinations = targets.SelectMany(t => t.Destinations.Select(d => d.StoreId))
            .Concat(subscriptions.Select(s => s.Destination))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var target = targets.Count > 0 ? targets[0].Name : null;
        var entries = destinations.Select(d => new OutboxEntry(d, target, "revoked", RandomNumberGenerator.GetHexString(20, lowercase: true), payload, now)).ToList();
        if (entries.Count > 0)
        {
            await store.EnqueueAsync(entries, now, cancellationToken).ConfigureAwait(false);
            outbox.Wake();
        }

        return entries.Count;
    }
}
