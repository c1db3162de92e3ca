namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Section <c>Monitor</c>: the team's watched keys and how alerts behave. Names are fixed (tools outside the code use
/// them; README, Configuration); the settings below <see cref="MaxConcurrency"/> are this implementation's additions (documented in
/// the Core README and <c>config/appsettings.json</c>).
/// </summary>
public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>The shortest interval a target may have.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    /// <summary>The watched keys (<c>Monitor:Targets:N</c>); each is also a team key.</summary>
    public List<MonitorTargetSettings> Targets { get; set; } = [];

    /// <summary>Failed checks in a row before the first alert (<c>Monitor:FailuresBeforeAlert</c>, default 2).</summary>
    public int FailuresBeforeAlert { get; set; } = 2;

    /// <summary>While a target keeps failing, remind this often (<c>Monitor:RenotifyEvery</c>); zero: never remind.</summary>
    public TimeSpan RenotifyEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Post a notice when a failing target works again (<c>Monitor:RecoveryNotices</c>).</summary>
    public bool RecoveryNotices { get; set; } = true;

    /// <summary>At most this many checks run at the same time (<c>Monitor:MaxConcurrency</c>, 1–64).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Flap damping: this many changes between working and failing (<c>Monitor:FlapChanges</c>) within
    /// <see cref="FlapWindow"/> make one "flapping" alert, then alerts for the target pause until it has held one
    /// state for <see cref="FlapWindow"/>. Zero switches damping off.
    /// </summary>
    public int FlapChanges { get; set; } = 4;

    /// <summary>The window of <see cref="FlapChanges"/> and how long a flapping target must be stable (<c>Monitor:FlapWindow</c>).</summary>
    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Optional quiet hours: reminders and recovery notices wait until they end; new alerts still go.</summary>
    public QuietHoursSettings QuietHours { get; set; } = new();

    /// <summary>How long check history is kept in the store (<c>Monitor:HistoryRetention</c>, at least a day).</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>First back-off after a failed delivery (<c>Monitor:DeliveryRetryMin</c>); doubles per attempt.</summary>
    public TimeSpan DeliveryRetryMin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest back-off between delivery attempts (<c>Monitor:DeliveryRetryMax</c>).</summary>
    public TimeSpan DeliveryRetryMax { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a blocked destination (no permission, platform off) is tried again (<c>Monitor:BlockedRetryEvery</c>).</summary>
    public TimeSpan BlockedRetryEvery { get; set; } = TimeSpan.FromMinutes(15);
}
