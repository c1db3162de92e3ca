namespace ChatOpsBot.Core.Monitor;

/// <summary>A target's alerting state.</summary>
public enum TargetState
{
    /// <summary>Not checked yet since start.</summary>
    Unknown,

    /// <summary>The last check passed.</summary>
    Healthy,

    /// <summary>Failing, but fewer times in a row than <c>Monitor:FailuresBeforeAlert</c>: no alert yet.</summary>
    Pending,

    /// <summary>Failing and alerted.</summary>
    Failing,
}
