using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>A user (DDOCS resources/user.mdx): only what the bot needs.</summary>
public sealed record DiscordUser(ulong Id, string? Username, string? GlobalName, bool Bot)
{
    public static DiscordUser Parse(JsonElement e) =>
        new(Json.RequiredSnowflake(e, "id"), Json.String(e, "username"), Json.String(e, "global_name"), Json.Bool(e, "bot"));
}

/// <summary>A guild member. <see cref="Permissions"/> is only present in interactions (the invoker's effective set in that channel).</summary>
public sealed record DiscordMember(DiscordUser? User, IReadOnlyList<ulong> Roles, ulong? Permissions, string? Nick, DateTimeOffset? CommunicationDisabledUntil)
{
    public static DiscordMember Parse(JsonElement e) => new(
        Json.Has(e, "user", out var u) ? DiscordUser.Parse(u) : null,
        Json.Snowflakes(e, "roles"),
        Json.Snowflake(e, "permissions"),
        Json.String(e, "nick"),
        Json.String(e, "communication_disabled_until") is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : null);
}

/// <summary>A role: its permissions are a decimal string of a 64-bit field.</summary>
public sealed record DiscordRole(ulong Id, string? Name, ulong Permissions, int Position)
{
    public static DiscordRole Parse(JsonElement e) =>
        new(Json.RequiredSnowflake(e, "id"), Json.String(e, "name"), Json.Snowflake(e, "permissions") ?? 0, Json.Int(e, "position") ?? 0);
}

/// <summary>A channel: type 0 guild text, 1 DM, 3 group DM, 5 announcement, 10–12 threads.</summary>
public sealed record DiscordChannel(ulong Id, int Type, ulong? GuildId, string? Name, IReadOnlyList<DiscordUser> Recipients)
{
    public const int DirectMessageType = 1;

    public bool IsDirectMessage => Type == DirectMessageType;

    public static DiscordChannel Parse(JsonElement e)
    {
        var recipients = new List<DiscordUser>();
        if (Json.Has(e, "recipients", out var r) && r.ValueKind == JsonValueKind.Array)
        {
            recipients.AddRange(r.EnumerateArray().Select(DiscordUser.Parse));
        }

        return new(Json.RequiredSnowflake(e, "id"), Json.Int(e, "type") ?? 0, Json.Snowflake(e, "guild_id"), Json.String(e, "name"), recipients);
    }
}

/// <summary>A guild, minimal (GET /guilds/{id} or GUILD_CREATE).</summary>
public sealed record DiscordGuild(ulong Id, string? Name, ulong? OwnerId, bool Unavailable)
{
    public static DiscordGuild Parse(JsonElement e) =>
        new(Json.RequiredSnowflake(e, "id"), Json.String(e, "name"), Json.Snowflake(e, "owner_id"), Json.Bool(e, "unavailable"));
}
