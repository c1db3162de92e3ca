using System.Globalization;

namespace ChatOpsBot.Diagnostics.Midjourney;

/// <summary>
/// Discord's permission bits (DDOCS topics/permissions.mdx). The field already uses bit 52, so it is a
/// <see cref="ulong"/>; on the wire it is a decimal string.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Permissions" is Discord's own name for the field
public enum DiscordPermissions : ulong
#pragma warning restore CA1711
{
    None = 0,
    CreateInstantInvite = 1UL << 0,
    KickMembers = 1UL << 1,
    BanMembers = 1UL << 2,
    Administrator = 1UL << 3,
    ManageChannels = 1UL << 4,
    ManageGuild = 1UL << 5,
    AddReactions = 1UL << 6,
    ViewAuditLog = 1UL << 7,
    PrioritySpeaker = 1UL << 8,
    Stream = 1UL << 9,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    SendTtsMessages = 1UL << 12,
    ManageMessages = 1UL << 13,
    EmbedLinks = 1UL << 14,
    AttachFiles = 1UL << 15,
    ReadMessageHistory = 1UL << 16,
    MentionEveryone = 1UL << 17,
    UseExternalEmojis = 1UL << 18,
    ViewGuildInsights = 1UL << 19,
    Connect = 1UL << 20,
    Speak = 1UL << 21,
    MuteMembers = 1UL << 22,
    DeafenMembers = 1UL << 23,
    MoveMembers = 1UL << 24,
    UseVad = 1UL << 25,
    ChangeNickname = 1UL << 26,
    ManageNicknames = 1UL << 27,
    ManageRoles = 1UL << 28,
    ManageWebhooks = 1UL << 29,
    ManageGuildExpressions = 1UL << 30,
    UseApplicationCommands = 1UL << 31,
    RequestToSpeak = 1UL << 32,
    ManageEvents = 1UL << 33,
    ManageThreads = 1UL << 34,
    CreatePublicThreads = 1UL << 35,
    CreatePrivateThreads = 1UL << 36,
    UseExternalStickers = 1UL << 37,
    SendMessagesInThreads = 1UL << 38,
    UseEmbeddedActivities = 1UL << 39,
    ModerateMembers = 1UL << 40,
    ViewCreatorMonetizationAnalytics = 1UL << 41,
    UseSoundboard = 1UL << 42,
    CreateGuildExpressions = 1UL << 43,
    CreateEvents = 1UL << 44,
    UseExternalSounds = 1UL << 45,
    SendVoiceMessages = 1UL << 46,
    SendPolls = 1UL << 49,
    UseExternalApps = 1UL << 50,
    PinMessages = 1UL << 51,
    BypassSlowmode = 1UL << 52,

    /// <summary>Every bit, as the owner and an administrator have.</summary>
    All = ulong.MaxValue,
}

/// <summary>Parsing and the names Discord's client shows.</summary>
public static class DiscordPermissionNames
{
    private static readonly (DiscordPermissions Flag, string Name)[] Names =
    [
        (DiscordPermissions.Administrator, "Administrator"),
        (DiscordPermissions.ViewChannel, "View Channel"),
        (DiscordPermissions.SendMessages, "Send Messages"),
        (DiscordPermissions.SendMessagesInThreads, "Send Messages in Threads"),
        (DiscordPermissions.EmbedLinks, "Embed Links"),
        (DiscordPermissions.AttachFiles, "Attach Files"),
        (DiscordPermissions.ReadMessageHistory, "Read Message History"),
        (DiscordPermissions.UseApplicationCommands, "Use Application Commands"),
        (DiscordPermissions.UseExternalApps, "Use External Apps"),
        (DiscordPermissions.AddReactions, "Add Reactions"),
        (DiscordPermissions.UseExternalEmojis, "Use External Emoji"),
        (DiscordPermissions.MentionEveryone, "Mention @everyone, @here, and All Roles"),
        (DiscordPermissions.SendTtsMessages, "Send Text-to-Speech Messages"),
        (DiscordPermissions.ManageMessages, "Manage Messages"),
        (DiscordPermissions.ManageRoles, "Manage Permissions"),
        (DiscordPermissions.ManageChannels, "Manage Channels"),
        (DiscordPermissions.ManageGuild, "Manage Server"),
        (DiscordPermissions.ModerateMembers, "Timeout Members"),
        (DiscordPermissions.ManageThreads, "Manage Threads"),
        (DiscordPermissions.CreatePublicThreads, "Create Public Threads"),
        (DiscordPermissions.CreatePrivateThreads, "Create Private Threads"),
        (DiscordPermissions.Connect, "Connect"),
        (DiscordPermissions.SendPolls, "Create Polls"),
        (DiscordPermissions.PinMessages, "Pin Messages"),
        (DiscordPermissions.BypassSlowmode, "Bypass Slowmode"),
    ];

    /// <summary>The client's name of one flag ("Use Application Commands", "Manage Permissions" for MANAGE_ROLES).</summary>
    public static string Name(this DiscordPermissions flag)
    {
        foreach (var (f, name) in Names)
        {
            if (f == flag)
            {
                return name;
            }
        }

        return flag.ToString();
    }

    /// <summary>The client's names of every flag set in <paramref name="flags"/>, in a fixed order.</summary>
    public static IReadOnlyList<string> NamesOf(DiscordPermissions flags)
    {
        var list = new List<string>();
        for (var bit = 0; bit < 64; bit++)
        {
            var flag = (DiscordPermissions)(1UL << bit);
            if ((flags & flag) != 0)
            {
                list.Add(flag.Name());
            }
        }

        return list;
    }

    /// <summary>Parses Discord's decimal string; false for anything else (never an exception).</summary>
    public static bool TryParse(string? text, out DiscordPermissions permissions)
    {
        var ok = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        permissions = (DiscordPermissions)value;
        return ok;
    }

    /// <summary>The decimal string Discord uses.</summary>
    public static string ToWire(this DiscordPermissions permissions) => ((ulong)permissions).ToString(CultureInfo.InvariantCulture);
}
