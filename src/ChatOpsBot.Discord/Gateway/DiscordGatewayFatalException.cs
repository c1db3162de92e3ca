namespace ChatOpsBot.Discord.Gateway;

/// <summary>
/// Discord closed the gateway with a code that reconnecting cannot fix (4004 bad token, 4010 bad shard, 4011 sharding
/// required, 4012 bad version, 4013 bad intents, 4014 disallowed intents), or refused the token over REST. The bot must
/// stop, not loop: every identify counts against the daily 1000.
/// </summary>
public sealed class DiscordGatewayFatalException : Exception
{
    public DiscordGatewayFatalException()
    {
    }

    public DiscordGatewayFatalException(string message)
        : base(message)
    {
    }

    public DiscordGatewayFatalException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DiscordGatewayFatalException(int closeCode, string message)
        : base(message) => CloseCode = closeCode;

    /// <summary>The close code (or 401 when REST refused the token).</summary>
    public int CloseCode { get; }

    /// <summary>What the operator must fix, in one line.</summary>
    public static string Describe(int code) => code switch
    {
        4004 => "4004 Authentication failed: Discord:Token is wrong or was reset.",
        4010 => "4010 Invalid shard: check Discord:ShardIds and Discord:ShardCount.",
        4011 => "4011 Sharding required: the bot is in too many servers for this shard count. Raise Discord:ShardCount on every process (or leave it unset: GET /gateway/bot recommends one) and restart.",
        4012 => "4012 Invalid API version.",
        4013 => "4013 Invalid intents: Discord:Intents is not a valid bitfield.",
        4014 => "4014 Disallowed intents: enable the privileged intents (Message Content) in the Developer Portal, or remove them from Discord:Intents.",
        401 => "401 Unauthorized: Discord:Token is wrong or was reset.",
        _ => $"{code}: Discord refused the connection.",
    };
}
