namespace ChatOpsBot.Core.Conversation;

/// <summary>Settings of section <c>Conversation</c>.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>At most this many keys of one message are diagnosed; the rest are named and left (1 to 10).</summary>
    public int MaxKeysPerMessage { get; set; } = 3;

    /// <summary>How long a result stays available to its Re-run and Details buttons (00:01:00 to 1.00:00:00).</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromHours(1);
}
