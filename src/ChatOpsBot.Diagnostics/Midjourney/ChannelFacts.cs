namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>A channel: its type, its parent (a thread's channel, a channel's category) and its own overwrites.</summary>
public sealed record ChannelFacts(ulong Id, int Type, ulong? ParentId, IReadOnlyList<PermissionOverwrite> Overwrites, string? Name = null);
