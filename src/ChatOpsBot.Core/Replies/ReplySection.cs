namespace ChatOpsBot.Core.Replies;

/// <summary>A titled block of lines (checks, timing).</summary>
public sealed record ReplySection(string Heading, IReadOnlyList<string> Lines);
