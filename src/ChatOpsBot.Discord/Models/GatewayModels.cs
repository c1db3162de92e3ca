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

/// <summary>GET /gateway/bot.</summary>
public sealed record GatewayBotInfo(Uri Url, int Shards, SessionStartLimit SessionStartLimit)
{
    public static GatewayBotInfo Parse(JsonElement e)
    {
        var url = Json.String(e, "url") is { } s && Uri.TryCreate(s, UriKind.Absolute, out var u) ? u : throw new DiscordPayloadException("'url' is missing.");
        var limit = Json.Has(e, "session_start_limit", out var l)
            ? new SessionStartLimit(Json.Int(l, "total") ?? 1000, Json.Int(l, "remaining") ?? 1000,
                TimeSpan.FromMilliseconds(Json.Has(l, "reset_after", out var ra) && ra.TryGetInt64(out var ms) ? ms : 0), Json.Int(l, "max_concurrency") ?? 1)
            : new SessionStartLimit(1000, 1000, TimeSpan.Zero, 1);
        return new(url, Json.Int(e, "shards") ?? 1, limit);
    }
}

/// <summary>How many identifies are left today and how many may start per 5 s.</summary>
public sealed record SessionStartLimit(int Total, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);
