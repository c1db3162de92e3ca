using System.Text.Json;

namespace ChatOpsBot.Discord.Models;

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
