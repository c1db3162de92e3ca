using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

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
