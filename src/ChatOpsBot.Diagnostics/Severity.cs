namespace ChatOpsBot.Diagnostics;

/// <summary>How much a finding matters. Ordered: a higher value is worse.</summary>
public enum Severity
{
    Ok = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}
