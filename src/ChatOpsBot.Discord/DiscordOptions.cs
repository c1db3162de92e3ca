namespace ChatOpsBot.Discord;

/// <summary>The <c>Discord</c> configuration section. A missing <see cref="Token"/> leaves the Discord adapter off.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The raw bot token (no <c>Bot </c> prefix). Never logged: it is registered with the secret scrubber.</summary>
    public string? Token { get; set; }

    /// <summary>REST base, the version included.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>The gateway URL; when unset it is asked from <c>GET /gateway/bot</c> and cached.</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>Gateway intents; default GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT = 37377.</summary>
    public int Intents { get; set; } = DiscordIntents.Default;

    /// <summary>
    /// The shards this process runs, one gateway connection each: one id (<c>2</c>), a range (<c>0-3</c>) or a list
    /// (<c>0-3,8</c>). Unset or empty: every shard of <see cref="ShardCount"/>. A server's events go to shard
    /// <c>(guild_id &gt;&gt; 22) % ShardCount</c>; DMs only to shard 0.
    /// </summary>
    public string? ShardIds { get; set; }

    /// <summary>The older one-id form of <see cref="ShardIds"/>; set one of the two.</summary>
    public int? ShardId { get; set; }

    /// <summary>The shard count all processes share; when unset, the <c>shards</c> that <c>GET /gateway/bot</c> recommends (1 without it).</summary>
    public int? ShardCount { get; set; }

    /// <summary>The application id; when unset it is learnt from READY.</summary>
    public ulong? ApplicationId { get; set; }

    /// <summary>When set, commands are registered in this guild only (instant updates while developing).</summary>
    public ulong? DevelopmentGuildId { get; set; }

    /// <summary>The URL in the <c>User-Agent: DiscordBot (url, version)</c> header.</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/chatopsbot/chatopsbot";

    /// <summary>The version in the User-Agent header.</summary>
    public string UserAgentVersion { get; set; } = "1.0";

    /// <summary>The longest wait between reconnect attempts (exponential backoff with jitter below it).</summary>
    public TimeSpan ReconnectBackoffCap { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The REST request timeout.</summary>
    public TimeSpan RestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a token is set: the Discord adapter may start.</summary>
    /// <summary>The adapter edits a live checklist at most this often (progress inside the window is dropped, not queued).</summary>
    public TimeSpan EditInterval { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);

    /// <summary>
    /// The application's public key (hex, from the Developer Portal). Set: <c>POST /discord/interactions</c> is served on
    /// the worker's listener (<c>Http:Urls</c>) and Discord's signatures are checked against it. Needs <see cref="Token"/>
    /// too (edits and follow-ups go over REST). Not a secret.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>
    /// False: no gateway connection (commands are registered over REST at start); only HTTP interactions arrive, so
    /// <see cref="PublicKey"/> is required. DMs and keys pasted in channels need the gateway.
    /// </summary>
    public bool UseGateway { get; set; } = true;

    /// <summary>An HTTP interaction whose signed timestamp is further than this from our clock is refused (a replay).</summary>
    public TimeSpan InteractionMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An HTTP interaction's handler has this long to give its initial response before the endpoint defers in its place (Discord allows 3 s).</summary>
    public TimeSpan InteractionAnswerWithin { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>True when HTTP interactions are on.</summary>
    public bool HttpInteractions => !string.IsNullOrWhiteSpace(PublicKey);
    /// <summary>The shard ids <see cref="ShardIds"/> (or <see cref="ShardId"/>) name, ascending; null when neither is set. Checked at start.</summary>
    internal int[]? ConfiguredShardIds() =>
        !string.IsNullOrWhiteSpace(ShardIds) ? (Gateway.ShardIdList.TryParse(ShardIds, out var ids, out var problem) ? ids : throw new InvalidOperationException(problem))
        : ShardId is { } id ? [id]
        : null;
}
