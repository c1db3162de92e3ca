using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

/// <summary>The READY dispatch: what the client keeps for resuming and the adapter needs for mentions and commands.</summary>
public sealed record DiscordReady(int Version, DiscordUser User, string SessionId, Uri ResumeGatewayUrl, ulong? ApplicationId, IReadOnlyList<ulong> GuildIds, int[]? Shard)
{
    public static DiscordReady Parse(JsonElement e)
    {
        if (!Json.Has(e, "user", out var user))
        {
            throw new DiscordPayloadException("'user' is missing.");
        }

        var sessionId = Json.String(e, "session_id") ?? throw new DiscordPayloadException("'session_id' is missing.");
        var resume = Json.String(e, "resume_gateway_url") is { } r && Uri.TryCreate(r, UriKind.Absolute, out var u)
            ? u
            : throw new DiscordPayloadException("'resume_gateway_url' is missing or not a URL.");
        var guilds = new List<ulong>();
        if (Json.Has(e, "guilds", out var g) && g.ValueKind == JsonValueKind.Array)
        {
            guilds.AddRange(g.EnumerateArray().Select(x => Json.Snowflake(x, "id")).OfType<ulong>());
        }

        int[]? shard = Json.Has(e, "shard", out var s) && s.ValueKind == JsonValueKind.Array ? [.. s.EnumerateArray().Select(x => x.GetInt32())] : null;
        return new(Json.Int(e, "v") ?? 0, DiscordUser.Parse(user), sessionId, resume,
            Json.Has(e, "application", out var app) ? Json.Snowflake(app, "id") : null, guilds, shard);
    }

    public override string ToString() => $"DiscordReady {{ User = {User.Id}, ApplicationId = {ApplicationId}, Guilds = {GuildIds.Count} }}";
}
