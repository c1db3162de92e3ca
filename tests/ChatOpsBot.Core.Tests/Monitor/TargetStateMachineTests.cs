using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Core.Tests.Monitor;

public sealed class TargetStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertPolicy Policy = new(2, TimeSpan.FromHours(1), true, 4, TimeSpan.FromHours(1));

    private static CheckOutcome Fail(int minute, string code = VerdictCodes.AuthInvalidKey) =>
        new(T0.AddMinutes(minute), false, code, Severity.Error, "The key was rejected");

    private static CheckOutcome Pass(int minute) => new(T0.AddMinutes(minute), true, VerdictCodes.Ok, Severity.Ok, "The key works");

    /// <summary>Feeds checks in order; returns every alert with the minute it came at.</summary>
    private static (TargetRecord Record, List<(int Minute, AlertIntent Alert)> Alerts) Run(
        IEnumerable<CheckOutcome> checks, AlertPolicy? policy = null, Func<DateTimeOffset, bool>? muted = null, Func<DateTimeOffset, bool>? quiet = null, TargetRecord? start = null)
    {
        var record = start ?? new TargetRecord();
        var alerts = new List<(int, AlertIntent)>();
        foreach (var check in checks)
        {
            var (next, alert) = TargetStateMachine.Apply(record, check, policy ?? Policy, muted?.Invoke(check.At) ?? false, quiet?.Invoke(check.At) ?? false);
            record = next;
            if (alert is not null)
            {
                alerts.Add(((int)(check.At - T0).TotalMinutes, alert));
            }
        }

        return (record, alerts);
    }

    [Fact]
    public void Apply_OneFailureBelowThreshold_PendingWithoutAlert()
    {
        var (record, alerts) = Run([Pass(0), Fail(5)]);

        Assert.Equal(TargetState.Pending, record.State);
        Assert.Equal(1, record.ConsecutiveFailures);
        Assert.Empty(alerts);
    }

    [Fact]
    public void Apply_NFailuresInARow_AlertsOnceAndStaysFailing()
    {
        var (record, alerts) = Run([Pass(0), Fail(5), Fail(10), Fail(15), Fail(20)]);

        Assert.Equal(TargetState.Failing, record.State);
        var (minute, alert) = Assert.Single(alerts);
        Assert.Equal(10, minute);
        Assert.Equal(AlertReason.Failing, alert.Reason);
        Assert.Equal(T0.AddMinutes(5), alert.FailingSince); // since the first failure, not the alert
        Assert.Equal(VerdictCodes.AuthInvalidKey, record.NotifiedCode);
    }

    [Fact]
    public void Apply_FailuresSeparatedByAPass_DoNotAlert()
    {
        var (record, alerts) = Run([Fail(0), Pass(5), Fail(10), Pass(15)]);

        Assert.Equal(TargetState.Healthy, record.State);
        Assert.Empty(alerts);
    }

    [Fact]
    public void Apply_StillFailingAfterRenotifyEvery_RemindsEveryHour()
    {
        var checks = Enumerable.Range(0, 30).Select(i => Fail(i * 5)); // 0..145 min

        var (_, alerts) = Run(checks);

        Assert.Equal([(5, AlertReason.Failing), (65, AlertReason.Reminder), (125, AlertReason.Reminder)], alerts.Select(a => (a.Minute, a.Alert.Reason)));
    }

    [Fact]
    public void Apply_RenotifyZero_NeverReminds()
    {
        var (_, alerts) = Run(Enumerable.Range(0, 30).Select(i => Fail(i * 5)), Policy with { RenotifyEvery = TimeSpan.Zero });

        Assert.Single(alerts);
    }

    [Fact]
    public void Apply_VerdictChangesWhileFailing_AlertsAgainNamingBoth()
    {
        var (record, alerts) = Run([Fail(0, VerdictCodes.RateLimited), Fail(5, VerdictCodes.RateLimited), Fail(10, VerdictCodes.RateLimited), Fail(15, VerdictCodes.QuotaExhausted), Fail(20, VerdictCodes.QuotaExhausted)]);

        Assert.Equal(2, alerts.Count);
        var (minute, changed) = alerts[1];
        Assert.Equal(15, minute);
        Assert.Equal(AlertReason.VerdictChanged, changed.Reason);
        Assert.Equal(VerdictCodes.RateLimited, changed.PreviousCode);
        Assert.Equal(T0, changed.FailingSince);
        Assert.Equal(VerdictCodes.QuotaExhausted, record.NotifiedCode);
    }

    [Fact]
    public void Apply_PassAfterFailing_RecoveryNoticeOnce()
    {
        var (record, alerts) = Run([Fail(0), Fail(5), Pass(10), Pass(15)]);

        Assert.Equal(TargetState.Healthy, record.State);
        Assert.Equal([AlertReason.Failing, AlertReason.Recovered], alerts.Select(a => a.Alert.Reason));
        var recovered = alerts[1].Alert;
        Assert.Equal(VerdictCodes.AuthInvalidKey, recovered.PreviousCode);
        Assert.Equal(T0, recovered.FailingSince);
        Assert.Null(record.NotifiedCode);
    }

    [Fact]
    public void Apply_RecoveryNoticesOff_RecoversSilently()
    {
        var (record, alerts) = Run([Fail(0), Fail(5), Pass(10)], Policy with { RecoveryNotices = false });

        Assert.Single(alerts);
        Assert.Null(record.NotifiedCode);
    }

    [Fact]
    public void Apply_MutedWhileItBreaks_NothingThenAlertWhenMuteEnds()
    {
        var muteEnds = T0.AddMinutes(12);

        var (_, alerts) = Run([Fail(0), Fail(5), Fail(10), Fail(15), Fail(20)], muted: at => at < muteEnds);

        var (minute, alert) = Assert.Single(alerts);
        Assert.Equal(15, minute);
        Assert.Equal(AlertReason.Failing, alert.Reason);
    }

    [Fact]
    public void Apply_BrokeAndRecoveredWhileMuted_SaysNothing()
    {
        var (_, alerts) = Run([Fail(0), Fail(5), Pass(10), Pass(15)], muted: at => at < T0.AddMinutes(12));

        Assert.Empty(alerts);
    }

    [Fact]
    public void Apply_QuietHours_NewAlertGoesButReminderAndRecoveryWait()
    {
        // quiet from minute 30 to minute 130
        static bool Quiet(DateTimeOffset at) => at >= T0.AddMinutes(30) && at < T0.AddMinutes(130);
        var checks = Enumerable.Range(0, 24).Select(i => Fail(i * 5)).Append(Pass(120)).Append(Pass(125)).Append(Pass(130));

        var (_, alerts) = Run(checks, quiet: Quiet);

        // failing at 5 (not quiet); the reminder due at 65 is held; the recovery at 120 waits for 130
        Assert.Equal([(5, AlertReason.Failing), (130, AlertReason.Recovered)], alerts.Select(a => (a.Minute, a.Alert.Reason)));
    }

    [Fact]
    public void Apply_NewFailureDuringQuietHours_StillAlerts()
    {
        var (_, alerts) = Run([Pass(0), Fail(5), Fail(10)], quiet: _ => true);

        Assert.Equal(AlertReason.Failing, Assert.Single(alerts).Alert.Reason);
    }

    [Fact]
    public void Apply_Flapping_OneFlappingAlertThenQuietUntilStableThenWhereItSettled()
    {
        // changes: failing at 5, working at 10, failing at 20, working at 25 (the 4th within the hour: flapping);
        // it flaps on until 40, then fails from 45 (failing again at 50) and holds that for an hour (110)
        var checks = new List<CheckOutcome> { Fail(0), Fail(5), Pass(10), Fail(15), Fail(20), Pass(25), Fail(30), Fail(35), Pass(40) };
        checks.AddRange(Enumerable.Range(9, 14).Select(i => Fail(i * 5))); // 45..110, failing for good

        var (record, alerts) = Run(checks);

        Assert.Equal(
            [(5, AlertReason.Failing), (10, AlertReason.Recovered), (20, AlertReason.Failing), (25, AlertReason.Flapping), (110, AlertReason.VerdictChanged)],
            alerts.Select(a => (a.Minute, a.Alert.Reason)));
        Assert.Equal(4, alerts[3].Alert.Changes);
        Assert.Equal(TargetStateMachine.FlappingCode, alerts[4].Alert.PreviousCode);
        Assert.Null(record.FlappingSince);
        Assert.Equal(VerdictCodes.AuthInvalidKey, record.NotifiedCode);
    }

    [Fact]
    public void Apply_FlapDampingOff_EveryChangeAlerts()
    {
        var (_, alerts) = Run([Fail(0), Fail(5), Pass(10), Fail(15), Fail(20), Pass(25), Fail(30), Fail(35), Pass(40)], Policy with { FlapChanges = 0 });

        Assert.Equal(6, alerts.Count);
    }

    [Fact]
    public void Apply_RestoredFailingRecord_NoSecondAlert()
    {
        var (record, _) = Run([Fail(0), Fail(5)]);

        var (_, alerts) = Run([Fail(10), Fail(15)], start: record);

        Assert.Empty(alerts);
    }

    [Fact]
    public void IsQuiet_WindowAcrossMidnight_InItsTimeZone()
    {
        var quiet = QuietHours.TryCreate(new QuietHoursSettings { Start = "22:00", End = "07:00", TimeZone = "Europe/Berlin" }, out var problem);

        Assert.Null(problem);
        Assert.True(quiet!.IsQuiet(new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.Zero))); // 22:30 in Berlin
        Assert.True(quiet.IsQuiet(new DateTimeOffset(2026, 11, 28, 5, 59, 0, TimeSpan.Zero)));  // 06:59
        Assert.False(quiet.IsQuiet(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero)));  // 07:00
        Assert.False(quiet.IsQuiet(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void TryCreate_BadTime_NamesTheSetting()
    {
        Assert.Null(QuietHours.TryCreate(new QuietHoursSettings { Start = "25:00", End = "07:00" }, out var problem));
        Assert.Contains("Monitor:QuietHours:Start", problem, StringComparison.Ordinal);
    }

}
