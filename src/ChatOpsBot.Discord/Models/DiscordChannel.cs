using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

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
