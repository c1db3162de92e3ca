using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>
/// An INTERACTION_CREATE payload. In a guild <see cref="Member"/> is set (the user is <c>member.user</c>); in a DM
/// <see cref="User"/> is. <see cref="Invoker"/> gives whichever is there. <see cref="Token"/> is a secret for 15 minutes.
/// </summary>
public sealed record DiscordInteraction(
    ulong Id,
    ulong ApplicationId,
    InteractionType Type,
    string Token,
    InteractionData? Data,
    ulong? GuildId,
    ulong? ChannelId,
    int? ChannelType,
    DiscordMember? Member,
    DiscordUser? User,
    ulong? AppPermissions,
    DiscordMessage? Message,
    int? Context,
    string? Locale)
{
    /// <summary>The user who invoked it (member.user in guilds, user in DMs).</summary>
    public DiscordUser Invoker => Member?.User ?? User ?? throw new DiscordPayloadException("Neither 'member.user' nor 'user' is present.");

    public bool IsDirectMessage => GuildId is null;

    public override string ToString() => $"DiscordInteraction {{ Id = {Id}, Type = {Type}, Token = <redacted> }}";

    public static DiscordInteraction Parse(JsonElement e)
    {
        var type = Json.Int(e, "type") ?? throw new DiscordPayloadException("'type' is missing.");
        var token = Json.String(e, "token") ?? throw new DiscordPayloadException("'token' is missing.");
        int? channelType = Json.Has(e, "channel", out var channel) ? Json.Int(channel, "type") : null;
        var interaction = new DiscordInteraction(
            Json.RequiredSnowflake(e, "id"),
            Json.RequiredSnowflake(e, "application_id"),
            (InteractionType)type,
            token,
            Json.Has(e, "data", out var data) ? InteractionData.Parse(data) : null,
            Json.Snowflake(e, "guild_id"),
            Json.Snowflake(e, "channel_id") ?? (Json.Has(e, "channel", out var c) ? Json.Snowflake(c, "id") : null),
            channelType,
            Json.Has(e, "member", out var member) ? DiscordMember.Parse(member) : null,
            Json.Has(e, "user", out var user) ? DiscordUser.Parse(user) : null,
            Json.Snowflake(e, "app_permissions"),
            Json.Has(e, "message", out var message) ? DiscordMessage.Parse(message) : null,
            Json.Int(e, "context"),
            Json.String(e, "locale"));

        // Every interaction but a PING comes from someone (member.user in a guild, user in a DM): without one, nothing
        // can be answered or authorized, so the payload is refused here rather than failing a handler after it.
        if (interaction.Type != InteractionType.Ping && (interaction.Member?.User ?? interaction.User) is null)
        {
            throw new DiscordPayloadException("Neither 'member.user' nor 'user' is present.");
        }

        return interaction;
    }
}
