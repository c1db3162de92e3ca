namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>A member: the user id, its role ids, and a timeout if any.</summary>
public sealed record MemberFacts(ulong UserId, IReadOnlyList<ulong> RoleIds, DateTimeOffset? CommunicationDisabledUntil = null, bool Pending = false)
{
    public bool IsTimedOut(DateTimeOffset now) => CommunicationDisabledUntil is { } until && until > now;
}
