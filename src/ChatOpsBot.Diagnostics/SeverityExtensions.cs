namespace ChatOpsBot.Diagnostics;

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
