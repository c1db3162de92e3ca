namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// What a platform told us about the event's place and user that a place check needs. Discord: the invoker's
/// effective permissions in the channel (<c>member.permissions</c>), our bot's (<c>app_permissions</c>), the channel's
/// type and the invoker's timeout. Numbers and ids only, as the platform sent them.
/// </summary>
public sealed record PlatformFacts
{
    /// <summary>The user's permissions in this channel, a decimal bitset string; null when not sent.</summary>
    public string? UserPermissions { get; init; }

    /// <summary>Our bot's permissions in this channel, a decimal bitset string; null when not sent.</summary>
    public string? AppPermissions { get; init; }

    /// <summary>The platform's channel type number; null when not sent.</summary>
    public int? ChannelType { get; init; }

    /// <summary>Until when the user is timed out, if they are.</summary>
    public DateTimeOffset? UserTimedOutUntil { get; init; }
}
