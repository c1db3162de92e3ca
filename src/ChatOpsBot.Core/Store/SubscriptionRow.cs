namespace ChatOpsBot.Core.Store;

/// <summary>A subscription made with <c>/alerts subscribe</c>.</summary>
public sealed record SubscriptionRow(string Destination, string RequestedBy, DateTimeOffset Created);
