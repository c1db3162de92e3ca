namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>Discord channel types (DDOCS resources/channel.mdx) and what they mean for Midjourney.</summary>
public static class DiscordChannelKind
{
    public const int GuildText = 0;
    public const int DirectMessage = 1;
    public const int GuildVoice = 2;
    public const int GroupDm = 3;
    public const int GuildCategory = 4;
    public const int GuildAnnouncement = 5;
    public const int AnnouncementThread = 10;
    public const int PublicThread = 11;
    public const int PrivateThread = 12;
    public const int GuildStageVoice = 13;
    public const int GuildDirectory = 14;
    public const int GuildForum = 15;
    public const int GuildMedia = 16;

    public static bool IsThread(int type) => type is AnnouncementThread or PublicThread or PrivateThread;

    /// <summary>Channels that hold messages, where the SEND_MESSAGES rule applies.</summary>
    public static bool HoldsMessages(int type) => type is GuildText or GuildAnnouncement or GuildVoice or GuildStageVoice || IsThread(type);

    /// <summary>Whether Midjourney's commands (and its result posts) can work in a channel of this type.</summary>
    public static bool HostsMidjourney(int type) => HoldsMessages(type);

    /// <summary>A short human name ("text channel", "forum post (thread)", "voice channel's text chat").</summary>
    public static string Describe(int type, int? parentType = null) => type switch
    {
        GuildText => "text channel",
        DirectMessage => "direct message",
        GuildVoice => "voice channel's text chat",
        GroupDm => "group DM",
        GuildCategory => "category",
        GuildAnnouncement => "announcement channel",
        AnnouncementThread => "thread in an announcement channel",
        PublicThread when parentType is GuildForum => "forum post",
        PublicThread when parentType is GuildMedia => "media channel post",
        PublicThread => "thread",
        PrivateThread => "private thread",
        GuildStageVoice => "stage channel's text chat",
        GuildDirectory => "server directory",
        GuildForum => "forum channel",
        GuildMedia => "media channel",
        _ => $"channel of type {type}",
    };
}
