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

    /// <summary>This connection's shard id (default 0).</summary>
    public int? ShardId { get; set; }

    /// <summary>The shard count; when unset, the <c>shards</c> that <c>GET /gateway/bot</c> recommends (1 without it).</summary>
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
}
