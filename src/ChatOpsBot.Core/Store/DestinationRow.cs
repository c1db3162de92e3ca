namespace ChatOpsBot.Core.Store;

/// <summary>What the dispatcher last saw of a destination.</summary>
public sealed record DestinationRow(string Destination, string? Problem, DateTimeOffset? LastDelivered);
