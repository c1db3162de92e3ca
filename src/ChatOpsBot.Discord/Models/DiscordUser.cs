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
    /// <summary>True while the member has not passed membership screening (<c>pending</c>).</summary>
    public bool Pending { get; init; }

    public static DiscordMember Parse(JsonElement e) => new DiscordMember(
        Json.Has(e, "user", out var u) ? DiscordUser.Parse(u) : null,
        Json.Snowflakes(e, "roles"),
        Json.Snowflake(e, "permissions"),
        Json.String(e, "nick"),
        Json.String(e, "communication_disabled_until") is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : null)
    {
        Pending = Json.Bool(e, "pending"),
    };
}

/// <summary>A role: its permissions are a decimal string of a 64-bit field.</summary>
public sealed record DiscordRole(ulong Id, string? Name, ulong Permissions, int Position)
{
    /// <summary>For a bot's managed integration role: the bot's user id (<c>tags.bot_id</c>).</summary>
    public ulong? BotId { get; init; }

    public static DiscordRole Parse(JsonElement e) =>
        new DiscordRole(Json.RequiredSnowflake(e, "id"), Json.String(e, "name"), Json.Snowflake(e, "permissions") ?? 0, Json.Int(e, "position") ?? 0)
        {
            BotId = Json.Has(e, "tags", out var tags) ? Json.Snowflake(tags, "bot_id") : null,
        };
}

/// <summary>A channel permission overwrite: type 0 role, 1 member; allow and deny are decimal strings.</summary>
public sealed record DiscordOverwrite(ulong Id, int Type, ulong Allow, ulong Deny)
{
    public static DiscordOverwrite Parse(JsonElement e) =>
        new(Json.RequiredSnowflake(e, "id"), Json.Int(e, "type") ?? 0, Json.Snowflake(e, "allow") ?? 0, Json.Snowflake(e, "deny") ?? 0);
}

/// <summary>A channel: type 0 guild text, 1 DM, 3 group DM, 5 announcement, 10–12 threads.</summary>
public sealed record DiscordChannel(ulong Id, int Type, ulong? GuildId, string? Name, IReadOnlyList<DiscordUser> Recipients)
{
    public const int DirectMessageType = 1;

    /// <summary>A thread's channel, or a channel's category.</summary>
    public ulong? ParentId { get; init; }

    /// <summary>The channel's own permission overwrites (threads have none: their parent's apply).</summary>
    public IReadOnlyList<DiscordOverwrite> Overwrites { get; init; } = [];

    public bool IsDirectMessage => Type == DirectMessageType;

    public static DiscordChannel Parse(JsonElement e)
    {
        var recipients = new List<DiscordUser>();
        if (Json.Has(e, "recipients", out var r) && r.ValueKind == JsonValueKind.Array)
        {
            recipients.AddRange(r.EnumerateArray().Select(DiscordUser.Parse));
        }

        var overwrites = new List<DiscordOverwrite>();
        if (Json.Has(e, "permission_overwrites", out var o) && o.ValueKind == JsonValueKind.Array)
        {
            overwrites.AddRange(o.EnumerateArray().Select(DiscordOverwrite.Parse));
        }

        return new DiscordChannel(Json.RequiredSnowflake(e, "id"), Json.Int(e, "type") ?? 0, Json.Snowflake(e, "guild_id"), Json.String(e, "name"), recipients)
        {
            ParentId = Json.Snowflake(e, "parent_id"),
            Overwrites = overwrites,
        };
    }
}

/// <summary>A guild, minimal (GET /guilds/{id} or GUILD_CREATE).</summary>
public sealed record DiscordGuild(ulong Id, string? Name, ulong? OwnerId, bool Unavailable)
{
    /// <summary>0 none … 4 verified phone.</summary>
    public int? VerificationLevel { get; init; }

    public static DiscordGuild Parse(JsonElement e) =>
        new DiscordGuild(Json.RequiredSnowflake(e, "id"), Json.String(e, "name"), Json.Snowflake(e, "owner_id"), Json.Bool(e, "unavailable"))
        {
            VerificationLevel = Json.Int(e, "verification_level"),
        };
}
