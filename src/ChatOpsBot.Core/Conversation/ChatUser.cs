namespace ChatOpsBot.Core.Conversation;

/// <summary>Who sent a message: platform, user id and (Discord) role ids. Ids only, never names or text.</summary>
public sealed record ChatUser(ChatPlatform Platform, string UserId, IReadOnlyList<string> RoleIds)
{
    /// <summary>The operator at the terminal.</summary>
    public static ChatUser Operator { get; } = new(ChatPlatform.Console, "operator", []);

    /// <summary>Whether <paramref name="other"/> is the same person (platform and id; roles may differ between events).</summary>
    public bool IsSamePerson(ChatUser? other) => other is not null && other.Platform == Platform && string.Equals(other.UserId, UserId, StringComparison.Ordinal);

    /// <summary>One id per person across platforms, for the per-user limit.</summary>
    public string LimiterKey => $"{Platform}:{UserId}";

    public override string ToString() => LimiterKey;
}
