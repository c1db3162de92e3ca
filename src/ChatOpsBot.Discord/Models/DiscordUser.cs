using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>A user (DDOCS resources/user.mdx): only what the bot needs.</summary>
public sealed record DiscordUser(ulong Id, string? Username, string? GlobalName, bool Bot)
{
    public static DiscordUser Parse(JsonElement e) =>
        new(Json.RequiredSnowflake(e, "id"), Json.String(e, "username"), Json.String(e, "global_name"), Json.Bool(e, "bot"));
}
