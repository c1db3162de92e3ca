namespace ChatOpsBot.Discord;

/// <summary>Gateway intent bits (DDOCS events/gateway.mdx#list-of-intents).</summary>
public static class DiscordIntents
{
    public const int Guilds = 1 << 0;
    public const int GuildMembers = 1 << 1;
    public const int GuildPresences = 1 << 8;
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;
    public const int MessageContent = 1 << 15;

    /// <summary>GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT = 37377.</summary>
    public const int Default = Guilds | GuildMessages | DirectMessages | MessageContent;
}
