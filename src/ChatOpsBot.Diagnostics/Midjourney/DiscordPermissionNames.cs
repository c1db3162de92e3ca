using System.Globalization;

namespace ChatOpsBot.Diagnostics.Midjourney;

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
