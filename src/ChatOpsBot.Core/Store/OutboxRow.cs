namespace ChatOpsBot.Core.Store;

/// <summary>An alert waiting in (or delivered from) the outbox.</summary>
/// <param name="Id">Row id; entries of one destination are delivered in id order.</param>
/// <param name="Destination">The destination's store id (<see cref="Monitor.AlertDestinationRef.StoreId"/>).</param>
/// <param name="Target">The target it is about, or null for a test alert.</param>
/// <param name="Kind">What it is (<c>failing</c>, <c>recovered</c>, <c>test</c>…), for logs.</param>
/// <param name="DedupeKey">Stable across retries and restarts: the platform's nonce or dedupe key.</param>
/// <param name="Payload">The alert (<see cref="Replies.Reply"/>) as JSON, scrubbed.</param>
/// <param name="Created">When it was queued.</param>
/// <param name="Attempts">Delivery attempts so far.</param>
/// <param name="NextAttempt">Not before this time.</param>
/// <param name="Problem">Why the last attempt failed, or null.</param>
public sealed record OutboxRow(
    long Id,
    string Destination,
    string? Target,
    string Kind,
    string DedupeKey,
    string Payload,
    DateTimeOffset Created,
    int Attempts,
    DateTimeOffset NextAttempt,
    string? Problem);
