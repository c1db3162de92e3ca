namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// The per-target state machine, pure: healthy → pending (failures below the threshold) → failing (alert) →
/// healthy again (recovery notice). While failing it reminds every <see cref="AlertPolicy.RenotifyEvery"/> and
/// alerts again when the verdict changes. Flapping (<see cref="AlertPolicy.FlapChanges"/> changes within
/// <see cref="AlertPolicy.FlapWindow"/>) gives one alert, then silence until the target has held one state for a
/// whole window. A mute holds every message; quiet hours hold reminders and recovery notices. Held messages are not
/// lost: <see cref="TargetRecord.NotifiedCode"/> remembers what the channels were told, and the first check after the
/// mute or the quiet hours says what is true then.
/// </summary>
public static class TargetStateMachine
{
    /// <summary>What <see cref="TargetRecord.NotifiedCode"/> holds after a flapping alert.</summary>
    public const string FlappingCode = "monitor.flapping";

    /// <summary>Applies one check to <paramref name="record"/>.</summary>
    /// <param name="record">The state before the check.</param>
    /// <param name="check">The check's result.</param>
    /// <param name="policy">Thresholds.</param>
    /// <param name="muted">True while the target is muted: nothing is sent.</param>
    /// <param name="quiet">True during quiet hours: reminders and recovery notices wait.</param>
    /// <returns>The new state and the alert to send, if any.</returns>
    public static (TargetRecord Record, AlertIntent? Alert) Apply(TargetRecord record, CheckOutcome check, AlertPolicy policy, bool muted, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(policy);
        var now = check.At;
        var changes = record.Changes.ToList();
        var next = record with { LastCheck = now, Code = check.Code, Severity = check.Severity, Title = check.Title };

        if (check.Passed)
        {
            next = next with { ConsecutiveFailures = 0, LastPassed = now };
            if (record.State == TargetState.Failing)
            {
                changes.Add(now);
                next = next with { State = TargetState.Healthy, Since = now, RecoveredAt = now };
            }
            else if (record.State != TargetState.Healthy)
            {
                next = next with { State = TargetState.Healthy, Since = now };
            }
        }
        else
        {
            var failures = record.ConsecutiveFailures + 1;
            var firstFailure = record.State is TargetState.Pending or TargetState.Failing ? record.Since ?? now : now;
            next = next with { ConsecutiveFailures = failures };
            if (record.State != TargetState.Failing)
            {
                var failing = failures >= Math.Max(1, policy.FailuresBeforeAlert);
                if (failing)
                {
                    changes.Add(now);
                }

                next = next with { State = failing ? TargetState.Failing : TargetState.Pending, Since = firstFailure };
            }
        }

        changes.RemoveAll(c => now - c > policy.FlapWindow);
        next = next with { Changes = changes };

        if (policy.FlapChanges > 0)
        {
            if (next.FlappingSince is null && changes.Count >= policy.FlapChanges)
            {
                next = next with { FlappingSince = now };
                if (muted)
                {
                    return (next, null);
                }

                var flapping = new AlertIntent(AlertReason.Flapping, next.NotifiedCode, next.State == TargetState.Failing ? next.Since : null, changes.Count);
                return (next with { NotifiedCode = FlappingCode, LastNotified = now, NotifiedSince = next.Since }, flapping);
            }

            if (next.FlappingSince is not null)
            {
                var lastChange = changes.Count == 0 ? (DateTimeOffset?)null : changes[^1];
                if (lastChange is { } last && now - last < policy.FlapWindow)
                {
                    return (next, null); // still unsettled: stay quiet
                }

                next = next with { FlappingSince = null, Changes = [] }; // stable again: say what is true now
            }
        }

        if (muted)
        {
            return (next, null);
        }

        if (next.State == TargetState.Failing)
        {
            if (next.NotifiedCode is null)
            {
                return (Notified(next, now), new AlertIntent(AlertReason.Failing, null, next.Since));
            }

            if (!string.Equals(next.NotifiedCode, next.Code, StringComparison.Ordinal))
            {
                return (Notified(next, now), new AlertIntent(AlertReason.VerdictChanged, next.NotifiedCode, next.Since));
            }

            if (policy.RenotifyEvery > TimeSpan.Zero && !quiet && (next.LastNotified is null || now - next.LastNotified >= policy.RenotifyEvery))
            {
                return (next with { LastNotified = now }, new AlertIntent(AlertReason.Reminder, next.NotifiedCode, next.Since));
            }

            return (next, null);
        }

        if (next.State == TargetState.Healthy && next.NotifiedCode is not null)
        {
            if (!policy.RecoveryNotices)
            {
                return (next with { NotifiedCode = null, NotifiedSince = null }, null);
            }

            if (quiet)
            {
                return (next, null); // said after the quiet hours, if it still works then
            }

            var recovered = new AlertIntent(AlertReason.Recovered, next.NotifiedCode, next.NotifiedSince);
            return (next with { NotifiedCode = null, NotifiedSince = null, LastNotified = now }, recovered);
        }

        return (next, null);
    }

    private static TargetRecord Notified(TargetRecord record, DateTimeOffset now) =>
        record with { NotifiedCode = record.Code, LastNotified = now, NotifiedSince = record.Since };
}
