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
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
