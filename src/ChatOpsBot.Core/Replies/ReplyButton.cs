namespace ChatOpsBot.Core.Replies;

/// <summary>A button; <see cref="CustomId"/> comes from <see cref="Commands.CommandIds"/> and comes back on press.</summary>
public sealed record ReplyButton(string Label, string CustomId, ReplyButtonAction Action);
