namespace ChatOpsBot.Core.Store;

/// <summary>What a prune did: rows removed (history, delivered alerts), and undelivered alerts older than the cutoff it kept.</summary>
public sealed record PruneResult(int Removed, int UndeliveredOlder);
