using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Gateway;

/// <summary>How a connection ended and what comes next: resume, a new session, or a stop for good (the close-code table of DDOCS events/gateway.mdx).</summary>
internal sealed partial class GatewayShard
{
    /// <summary>Logs the one Critical line for a fatal close (or a 401 over REST) and builds the exception that stops the gateway.</summary>
    internal static DiscordGatewayFatalException Fatal(ILogger logger, string shard, int code)
    {
        var message = DiscordGatewayFatalException.Describe(code);
        Log.FatalClose(logger, shard, message);
        return new DiscordGatewayFatalException(code, "Discord gateway stopped: " + message);
    }

    private DiscordGatewayFatalException Fatal(int code) => Fatal(_logger, Name, code);

    private static (Next, string) ForCloseCode(int code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => (Next.Fatal, $"closed with {code}"),
        4007 or 4009 => (Next.NewSession, $"closed with {code}"),
        _ => (Next.Resume, $"closed with {code}"), // 4000–4003, 4005, 4008, 1000/1001 and the unknown: try to resume; op 9 falls back to identify
    };

    private enum Next
    {
        Resume,
        NewSession,
        Fatal,
    }

    private sealed record ConnectionResult(Next Next, int CloseCode, bool Healthy, bool ConnectFailed, string Reason)
    {
        public bool InvalidSession { get; init; }
    }
}
