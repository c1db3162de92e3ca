using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// A target's alerting state as the store keeps it. <see cref="NotifiedCode"/> is what the alert channels were last
/// told (null: they believe the target works), so a restart, a mute or quiet hours never lose or repeat an alert:
/// the next check compares what is true with what was said.
/// </summary>
public sealed record TargetRecord
{
    public TargetState State { get; init; } = TargetState.Unknown;

    /// <summary>The last verdict's code; null before the first check.</summary>
    public string? Code { get; init; }

    public Severity Severity { get; init; } = Severity.Info;

    public string? Title { get; init; }

    /// <summary>When the current state began (the first failure of a failing run).</summary>
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? LastCheck { get; init; }

    /// <summary>When a check last passed.</summary>
    public DateTimeOffset? LastPassed { get; init; }

    public int ConsecutiveFailures { get; init; }

    /// <summary>The code the channels were last told about; null when they were last told it works (or nothing).</summary>
    public string? NotifiedCode { get; init; }

    /// <summary>When an alert or reminder last went out.</summary>
    public DateTimeOffset? LastNotified { get; init; }

    /// <summary>When the failure the channels know about began.</summary>
    public DateTimeOffset? NotifiedSince { get; init; }

    /// <summary>When the target last went from failing to working.</summary>
    public DateTimeOffset? RecoveredAt { get; init; }

    /// <summary>Times of recent changes between working and failing (for flap damping).</summary>
    public IReadOnlyList<DateTimeOffset> Changes { get; init; } = [];

    /// <summary>Set while the target is flapping: its alerts pause until it is stable.</summary>
    public DateTimeOffset? FlappingSince { get; init; }
}
