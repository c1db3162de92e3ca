namespace ChatOpsBot.Core.Monitor;

/// <summary>The thresholds of <see cref="MonitorOptions"/> that the state machine needs.</summary>
public sealed record AlertPolicy(int FailuresBeforeAlert, TimeSpan RenotifyEvery, bool RecoveryNotices, int FlapChanges, TimeSpan FlapWindow)
{
    public static AlertPolicy From(MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.FailuresBeforeAlert, options.RenotifyEvery, options.RecoveryNotices, options.FlapChanges, options.FlapWindow);
    }
}
