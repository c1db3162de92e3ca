namespace ChatOpsBot.Core.Store;

/// <summary>A new outbox entry.</summary>
public sealed record OutboxEntry(string Destination, string? Target, string Kind, string DedupeKey, string Payload, DateTimeOffset NotBefore);
