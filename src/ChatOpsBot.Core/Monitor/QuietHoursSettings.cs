namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// <c>Monitor:QuietHours</c>: from <see cref="Start"/> to <see cref="End"/> (may cross midnight) in
/// <see cref="TimeZone"/>, reminders and recovery notices are held (sent after the quiet hours if still true); new
/// alerts and changed verdicts still go out. Unset: no quiet hours.
/// </summary>
public sealed class QuietHoursSettings
{
    /// <summary><c>HH:mm</c>, e.g. <c>22:00</c>.</summary>
    public string? Start { get; set; }

    /// <summary><c>HH:mm</c>, e.g. <c>07:00</c>.</summary>
    public string? End { get; set; }

    /// <summary>An IANA time zone (<c>Europe/Berlin</c>); default UTC.</summary>
    public string? TimeZone { get; set; }
}
