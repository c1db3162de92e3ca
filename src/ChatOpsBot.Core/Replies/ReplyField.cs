namespace ChatOpsBot.Core.Replies;

/// <summary>A name/value fact (evidence: status, request id, rate-limit headroom).</summary>
public sealed record ReplyField(string Name, string Value);
