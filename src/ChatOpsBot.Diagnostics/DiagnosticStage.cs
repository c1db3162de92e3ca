namespace ChatOpsBot.Diagnostics;

/// <summary>The stages of a diagnosis, in the order they run (design.md §The engine).</summary>
public enum DiagnosticStage
{
    Key = 0,
    Route = 1,
    Network = 2,
    Egress = 3,
    Auth = 4,
    Model = 5,
    Deep = 6,

    /// <summary>Midjourney on Discord: what our bot could read of this server and channel.</summary>
    Server = 7,

    /// <summary>Midjourney on Discord: the channel's type.</summary>
    Channel = 8,

    /// <summary>Midjourney on Discord: is the Midjourney Bot a member of the server.</summary>
    MidjourneyBot = 9,

    /// <summary>Midjourney on Discord: the Midjourney Bot's permissions in the channel.</summary>
    BotPermissions = 10,

    /// <summary>Midjourney on Discord: the invoking user's permissions in the channel.</summary>
    UserPermissions = 11,

    /// <summary>Midjourney on Discord: what no bot can see (subscription, verification, moderation).</summary>
    Account = 12,
}

public static class DiagnosticStageExtensions
{
    public static string ToWire(this DiagnosticStage stage) => stage switch
    {
        DiagnosticStage.Key => "key",
        DiagnosticStage.Route => "route",
        DiagnosticStage.Network => "network",
        DiagnosticStage.Egress => "egress",
        DiagnosticStage.Auth => "auth",
        DiagnosticStage.Model => "model",
        DiagnosticStage.Deep => "deep",
        DiagnosticStage.Server => "server",
        DiagnosticStage.Channel => "channel",
        DiagnosticStage.MidjourneyBot => "midjourney_bot",
        DiagnosticStage.BotPermissions => "bot_permissions",
        DiagnosticStage.UserPermissions => "user_permissions",
        DiagnosticStage.Account => "account",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>A short human label for checklists ("Key", "Network", ...).</summary>
    public static string Label(this DiagnosticStage stage) => stage switch
    {
        DiagnosticStage.Key => "Key format",
        DiagnosticStage.Route => "Route",
        DiagnosticStage.Network => "Network",
        DiagnosticStage.Egress => "Egress",
        DiagnosticStage.Auth => "Key check",
        DiagnosticStage.Model => "Model access",
        DiagnosticStage.Deep => "Quota check",
        DiagnosticStage.Server => "What I can read here",
        DiagnosticStage.Channel => "Channel type",
        DiagnosticStage.MidjourneyBot => "Midjourney Bot in this server",
        DiagnosticStage.BotPermissions => "Midjourney Bot's permissions",
        DiagnosticStage.UserPermissions => "Your permissions",
        DiagnosticStage.Account => "What no bot can see",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
