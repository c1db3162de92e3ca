namespace ChatOpsBot.Testing.Discord;

/// <summary>How the fake Discord behaves. Its clock is separate from the client's unless a test shares one.</summary>
public sealed class FakeDiscordOptions
{
    /// <summary>A token shaped like Discord's (base64 user id . timestamp . HMAC), synthetic.</summary>
    public const string DefaultToken = "MTM5OTk5OTk5OTk5OTk5OTk5OQ.GfAkEt.c0ffee-Ch4t0psB0t-t3st-t0k3n-xyzXYZ01";

    public string Token { get; set; } = DefaultToken;

    public ulong ApplicationId { get; set; } = 1_399_999_999_999_999_999;

    public ulong BotUserId { get; set; } = 1_399_999_999_999_999_999;

    /// <summary>Sent in Hello. Discord sends 41250; tests use a long one unless they are about heartbeats.</summary>
    public int HeartbeatIntervalMs { get; set; } = 45_000;

    /// <summary>Closes a connection whose client has not beaten within interval × this (on the fake's clock); null turns the check off.</summary>
    public double? HeartbeatGraceFactor { get; set; } = 1.5;

    /// <summary>Close code for a missed heartbeat (Discord does not document one; this fake uses 4009 Session timed out).</summary>
    public int MissedHeartbeatCloseCode { get; set; } = 4009;

    /// <summary>The privileged intents enabled in the "portal": others in Identify → 4014.</summary>
    public int EnabledPrivilegedIntents { get; set; } = (1 << 1) | (1 << 8) | (1 << 15);

    /// <summary><c>shards</c> in GET /gateway/bot.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary><c>session_start_limit.max_concurrency</c>: identifies per rate-limit key (<c>shard_id % max_concurrency</c>) per 5 s.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Servers one shard may hold; an Identify whose shard would hold more is closed with 4011 Sharding required (Discord: 2500).</summary>
    public int MaxGuildsPerShard { get; set; } = 2500;

    public int SessionStartRemaining { get; set; } = 1000;

    /// <summary>When true, an identify within 5 s (fake clock) of another with the same rate-limit key gets op 9 false, as Discord does.</summary>
    public bool EnforceIdentifyConcurrency { get; set; }

    /// <summary>X-RateLimit-Limit of every route bucket.</summary>
    public int BucketLimit { get; set; } = 5;

    public TimeSpan BucketResetAfter { get; set; } = TimeSpan.FromSeconds(1);

    public int GlobalPerSecond { get; set; } = 50;

    public TimeSpan InteractionResponseDeadline { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan InteractionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>How long a nonce with <c>enforce_nonce</c> de-duplicates (Discord: "the past few minutes"; undocumented exactly).</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Guilds announced as unavailable in READY and then sent as GUILD_CREATE, each on its own shard only.</summary>
    public IList<ulong> Guilds { get; } = [];
}
