namespace ChatOpsBot.Discord.Gateway;

/// <summary>Where the gateway connection is.</summary>
public enum GatewayState
{
    Disconnected,
    Connecting,
    Identifying,
    Resuming,
    Ready,
    Stopped,
}
