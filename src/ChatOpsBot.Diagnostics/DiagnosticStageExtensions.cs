namespace ChatOpsBot.Diagnostics;

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
