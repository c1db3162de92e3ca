using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

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
