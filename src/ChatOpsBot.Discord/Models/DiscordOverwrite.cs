using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>A channel permission overwrite: type 0 role, 1 member; allow and deny are decimal strings.</summary>
public sealed record DiscordOverwrite(ulong Id, int Type, ulong Allow, ulong Deny)
{
    public static DiscordOverwrite Parse(JsonElement e) =>
        new(Json.RequiredSnowflake(e, "id"), Json.Int(e, "type") ?? 0, Json.Snowflake(e, "allow") ?? 0, Json.Snowflake(e, "deny") ?? 0);
}
