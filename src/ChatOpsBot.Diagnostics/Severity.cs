namespace ChatOpsBot.Diagnostics;

/// <summary>How much a finding matters. Ordered: a higher value is worse.</summary>
public enum Severity
{
    Ok = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}

public static class SeverityExtensions
{
    /// <summary>The wire form used in JSON and text: <c>ok</c>, <c>info</c>, <c>warn</c>, <c>error</c>.</summary>
    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.Ok => "ok",
        Severity.Info => "info",
        Severity.Warn => "warn",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
