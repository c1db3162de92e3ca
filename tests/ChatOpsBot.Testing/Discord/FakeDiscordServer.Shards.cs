using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Discord;

/// <summary>
/// Sharding as Discord does it (https://discord.com/developers/docs/events/gateway#sharding): each Identify names
/// <c>[shard_id, num_shards]</c>; a server's events go only to the sessions of shard <c>(guild_id &gt;&gt; 22) % num_shards</c>
/// and DMs only to shard 0; a shard that would hold more than <see cref="FakeDiscordOptions.MaxGuildsPerShard"/> servers
/// is closed with 4011; and with <see cref="FakeDiscordOptions.EnforceIdentifyConcurrency"/>, an Identify within 5 s of
/// another with the same rate-limit key (<c>shard_id % max_concurrency</c>) gets op 9 false
/// (https://discord.com/developers/docs/events/gateway#sharding-max-concurrency).
/// </summary>
public sealed partial class FakeDiscordServer
{
    /// <summary>The first <c>reset_after</c> (Discord's example answer of GET /gateway/bot says 14400000 ms); a day after each reset.</summary>
    private static readonly TimeSpan SessionStartResetAfter = TimeSpan.FromMilliseconds(14_400_000);

    /// <summary>Every Identify the fake received, in order, with whether it started a session.</summary>
    public IReadOnlyList<FakeIdentify> Identifies => [.. _identifies];

    /// <summary>The newest open connection whose session serves shard <paramref name="shardId"/>, or null.</summary>
    public FakeGatewayConnection? ShardConnection(int shardId) => _connections.LastOrDefault(c => c.IsOpen && c.ShardId == shardId);

    /// <summary>The shard Discord routes a server's events to.</summary>
    public static int ShardOf(ulong guildId, int shardCount) => (int)((guildId >> 22) % (ulong)shardCount);

    /// <summary>A server id (a snowflake) that falls on shard <paramref name="shardId"/> of <paramref name="shardCount"/>.</summary>
    public static ulong GuildOnShard(int shardId, int shardCount, ulong seed = 777_000_000_000_000_000)
    {
        var id = seed;
        while (ShardOf(id, shardCount) != shardId)
        {
            id += 1UL << 22;
        }

        return id;
    }

    /// <summary>The server an event belongs to: its <c>guild_id</c>, or for GUILD_CREATE/UPDATE/DELETE (a guild object) its <c>id</c>; null for DMs.</summary>
    internal static ulong? GuildIdOf(string eventName, JsonNode? data) =>
        data is not JsonObject o ? null
        : Snowflake(o["guild_id"]) is { } guild ? guild
        : eventName is "GUILD_CREATE" or "GUILD_UPDATE" or "GUILD_DELETE" ? Snowflake(o["id"])
        : null;

    private static ulong? Snowflake(JsonNode? node) =>
        node is JsonValue v && ulong.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private void RecordIdentify(FakeGatewayConnection connection, int shardId, int shardCount, bool accepted) =>
        _identifies.Enqueue(new FakeIdentify(connection.Id, shardId, shardCount, Options.Time.GetUtcNow(), accepted));

    private bool TakeIdentifySlot(int shardId)
    {
        var key = shardId % Math.Max(1, Options.MaxConcurrency);
        lock (_lastIdentifyByKey)
        {
            var now = Options.Time.GetTimestamp();
            if (_lastIdentifyByKey.TryGetValue(key, out var last) && Options.Time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(5))
            {
                return false;
            }

            _lastIdentifyByKey[key] = now;
            return true;
        }
    }
}

/// <summary>An Identify as the fake saw it: on which connection, for which shard, when (fake clock), and whether it started a session (false: op 9 or a close).</summary>
public sealed record FakeIdentify(int ConnectionId, int ShardId, int ShardCount, DateTimeOffset At, bool Accepted);
