using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>The gateway client's log lines.</summary>
public sealed partial class DiscordGatewayClient
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Critical, "Discord gateway stopped for good: {Reason} Fix the configuration and restart.")]
        public static partial void FatalClose(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Information, "Discord gateway: {Reason}; reconnecting to {Action}.")]
        public static partial void Reconnecting(ILogger logger, string reason, string action);

        [LoggerMessage(20, LogLevel.Warning, "Discord gateway: a READY could not be read; the session is not marked ready.")]
        public static partial void BadReady(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Discord gateway frame skipped ({Problem}): {Preview}")]
        public static partial void BadFrame(ILogger logger, string problem, string preview);

        [LoggerMessage(4, LogLevel.Information, "Discord gateway READY as user {UserId}, application {ApplicationId}, {GuildCount} guild(s).")]
        public static partial void ReadyReceived(ILogger logger, ulong userId, ulong applicationId, int guildCount);

        [LoggerMessage(5, LogLevel.Information, "Discord gateway RESUMED at sequence {Sequence}.")]
        public static partial void ResumedReceived(ILogger logger, int sequence);

        [LoggerMessage(6, LogLevel.Warning, "Discord gateway: no heartbeat ACK within {IntervalMs} ms; closing the zombie connection to resume.")]
        public static partial void Zombie(ILogger logger, double intervalMs);

        [LoggerMessage(7, LogLevel.Information, "Discord gateway closed with {Code} {Description}.")]
        public static partial void Closed(ILogger logger, int code, string description);

        [LoggerMessage(8, LogLevel.Warning, "Discord gateway connection dropped.")]
        public static partial void Dropped(ILogger logger, Exception exception);

        [LoggerMessage(9, LogLevel.Warning, "Could not connect to the Discord gateway at {Host}.")]
        public static partial void ConnectFailed(ILogger logger, Exception exception, string host);

        [LoggerMessage(10, LogLevel.Warning, "GET /gateway/bot failed (attempt {Attempt}).")]
        public static partial void GatewayInfoFailed(ILogger logger, Exception exception, int attempt);

        [LoggerMessage(11, LogLevel.Error, "All {Total} identifies for today are used; waiting {Minutes} min for the reset rather than risk a token reset.")]
        public static partial void IdentifyBudgetSpent(ILogger logger, int total, double minutes);
    }
}
