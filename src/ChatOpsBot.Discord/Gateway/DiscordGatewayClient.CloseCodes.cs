
namespace ChatOpsBot.Discord.Gateway;

/// <summary>How a connection ended and what comes next: resume, a new session, or a stop for good (the close-code table of DDOCS events/gateway.mdx).</summary>
public sealed partial class DiscordGatewayClient
{
    private DiscordGatewayFatalException Fatal(int code)
    {
        var message = DiscordGatewayFatalException.Describe(code);
        Log.FatalClose(_logger, message);
        return new DiscordGatewayFatalException(code, "Discord gateway stopped: " + message);
    }

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
