using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>A shard's log lines, under the <see cref="DiscordGatewayClient"/> category (event ids unique across it: the client and scheduler use 11 and 30+).</summary>
internal sealed partial class GatewayShard
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Critical, "Discord gateway stopped for good ({Shard}): {Reason} Fix the configuration and restart.")]
        public static partial void FatalClose(ILogger logger, string shard, string reason);

        [LoggerMessage(2, LogLevel.Information, "Discord gateway {Shard}: {Reason}; reconnecting to {Action}.")]
        public static partial void Reconnecting(ILogger logger, string shard, string reason, string action);

        [LoggerMessage(20, LogLevel.Warning, "Discord gateway: a READY could not be read; the session is not marked ready.")]
        public static partial void BadReady(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Discord gateway frame skipped ({Problem}): {Preview}")]
        public static partial void BadFrame(ILogger logger, string problem, string preview);

        [LoggerMessage(4, LogLevel.Information, "Discord gateway {Shard} READY as user {UserId}, application {ApplicationId}, {GuildCount} guild(s).")]
        public static partial void ReadyReceived(ILogger logger, string shard, ulong userId, ulong applicationId, int guildCount);

        [LoggerMessage(5, LogLevel.Information, "Discord gateway {Shard} RESUMED at sequence {Sequence}.")]
        public static partial void ResumedReceived(ILogger logger, string shard, int sequence);

        [LoggerMessage(6, LogLevel.Warning, "Discord gateway {Shard}: no heartbeat ACK within {IntervalMs} ms; closing the zombie connection to resume.")]
        public static partial void Zombie(ILogger logger, string shard, double intervalMs);

        [LoggerMessage(7, LogLevel.Information, "Discord gateway {Shard} closed with {Code} {Description}.")]
        public static partial void Closed(ILogger logger, string shard, int code, string description);

        [LoggerMessage(8, LogLevel.Warning, "Discord gateway {Shard}: connection dropped.")]
        public static partial void Dropped(ILogger logger, Exception exception, string shard);

        [LoggerMessage(9, LogLevel.Warning, "Could not connect to the Discord gateway at {Host}.")]
        public static partial void ConnectFailed(ILogger logger, Exception exception, string host);

        [LoggerMessage(10, LogLevel.Warning, "GET /gateway/bot failed (attempt {Attempt}).")]
        public static partial void GatewayInfoFailed(ILogger logger, Exception exception, int attempt);
    }
}
