using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Writes alerts and recovery notices: the target's name, the verdict with its meaning and <c>code: …</c>, since when,
/// what changed, the evidence and next steps (the verdict card, as <c>/diagnose</c> shows it), and how to re-run.
/// Platform-neutral: Discord renders it as a coloured embed, Telegram as HTML. The engine's texts are already
/// scrubbed; the outbox scrubs again before storing.
/// </summary>
public static class AlertComposer
{
    /// <summary>
    /// The alert for <paramref name="intent"/>. <paramref name="incidentLine"/>, for a recovery notice after a provider
    /// incident, says whether the incident has ended.
    /// </summary>
    public static Reply Compose(MonitorTarget target, AlertIntent intent, TargetRecord record, ProviderReport report, AlertPolicy policy, DateTimeOffset now, string? incidentLine = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(policy);
        var verdict = report.Verdict;
        var card = ReplyBuilder.Card(report, target.Name);
        var name = target.Name;
        var text = new StringBuilder();
        var kind = ReplyKind.Alert;
        switch (intent.Reason)
        {
            case AlertReason.Failing:
                text.Append(CultureInfo.InvariantCulture, $"❌ {name} ({target.Provider.DisplayName()}) is failing: {verdict.Title} (code: {verdict.Code})\n");
                text.Append(CultureInfo.InvariantCulture, $"Since {At(intent.FailingSince ?? now)} (for {For(now - (intent.FailingSince ?? now))}, {Checks(record.ConsecutiveFailures)} in a row). ");
                text.Append(record.LastPassed is { } passed
                    ? $"What changed: it last worked at {At(passed)}."
                    : "What changed: it has failed every check since the monitor started.");
                break;
            case AlertReason.VerdictChanged when intent.PreviousCode == TargetStateMachine.FlappingCode:
                text.Append(CultureInfo.InvariantCulture, $"❌ {name} ({target.Provider.DisplayName()}) has stopped flapping and is failing: {verdict.Title} (code: {verdict.Code})\n");
                text.Append(CultureInfo.InvariantCulture, $"Failing since {At(intent.FailingSince ?? now)} (for {For(now - (intent.FailingSince ?? now))}). What changed: it no longer switches back and forth; it stays broken.");
                break;
            case AlertReason.VerdictChanged:
                text.Append(CultureInfo.InvariantCulture, $"❌ {name} ({target.Provider.DisplayName()}) is failing differently now: {verdict.Title} (code: {verdict.Code})\n");
                text.Append(CultureInfo.InvariantCulture, $"Failing since {At(intent.FailingSince ?? now)} (for {For(now - (intent.FailingSince ?? now))}). What changed: the verdict was {intent.PreviousCode}, now it is {verdict.Code}.");
                break;
            case AlertReason.Reminder:
                text.Append(CultureInfo.InvariantCulture, $"❌ {name} ({target.Provider.DisplayName()}) is still failing: {verdict.Title} (code: {verdict.Code})\n");
                text.Append(CultureInfo.InvariantCulture, $"Failing since {At(intent.FailingSince ?? now)} (for {For(now - (intent.FailingSince ?? now))}). What changed: nothing since the last alert");
                text.Append(policy.RenotifyEvery > TimeSpan.Zero ? $"; next reminder in {For(policy.RenotifyEvery)} if it still fails." : ".");
                break;
            case AlertReason.Flapping:
                text.Append(CultureInfo.InvariantCulture, $"⚠️ {name} ({target.Provider.DisplayName()}) is flapping: it switched between working and failing {intent.Changes} times in the last {For(policy.FlapWindow)}.\n");
                text.Append(CultureInfo.InvariantCulture, $"Now: {verdict.Title} (code: {verdict.Code}). What changed: alerts for {name} pause until it holds one state for {For(policy.FlapWindow)}; then you get one message saying where it settled.");
                break;
            case AlertReason.Recovered:
                kind = ReplyKind.Recovery;
                text.Append(CultureInfo.InvariantCulture, $"✅ {name} ({target.Provider.DisplayName()}) works again (code: ok)\n");
                var recoveredAt = record.RecoveredAt ?? now;
                text.Append(intent.PreviousCode == TargetStateMachine.FlappingCode
                    ? $"What changed: it stopped flapping and has worked since {At(recoveredAt)}."
                    : $"What changed: it was failing with {intent.PreviousCode} from {At(intent.FailingSince ?? recoveredAt)} until {At(recoveredAt)} ({For(recoveredAt - (intent.FailingSince ?? recoveredAt))}).");
                if (verdict.Code != VerdictCodes.Ok)
                {
                    text.Append(CultureInfo.InvariantCulture, $" Note: {verdict.Title} ({verdict.Code}).");
                }

                break;
        }

        if (kind == ReplyKind.Alert && IncidentAlertComposer.IncidentOf(report) is { } incident)
        {
            text.Append('\n').Append(IncidentAlertComposer.Line(target.Provider, incident));
        }

        if (incidentLine is not null)
        {
            text.Append('\n').Append(incidentLine);
        }

        text.Append(CultureInfo.InvariantCulture, $"\nRe-run: /diagnose key:{name}");

        if (kind == ReplyKind.Recovery)
        {
            card = card with { NextSteps = [] };
        }

        return new Reply { Kind = kind, Visibility = ReplyVisibility.Public, Text = text.ToString(), Cards = [card] };
    }

    /// <summary>The first line of a test alert.</summary>
    internal const string TestOpening = "🔔 Test alert from ChatOpsBot (code: ok)";

    /// <summary>A test alert that shows a destination works, through the same outbox as real alerts.</summary>
    public static Reply Test(string destinationShown, string requestedBy, DateTimeOffset now) => new()
    {
        Kind = ReplyKind.AlertTest,
        Visibility = ReplyVisibility.Public,
        Text = $"{TestOpening}\nAlerts for the team's keys will arrive here ({destinationShown}). Requested by {requestedBy} at {At(now)}. Nothing is broken.",
    };

    /// <summary><c>2026-11-27 12:03 UTC</c>.</summary>
    public static string At(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>under a minute</c>, <c>42 min</c>, <c>2 h 5 min</c>, <c>3 d 4 h</c>.</summary>
    public static string For(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "under a minute";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return $"{(int)span.TotalMinutes} min";
        }

        if (span < TimeSpan.FromDays(1))
        {
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        }

        return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    private static string Checks(int count) => count == 1 ? "1 check" : $"{count} checks";
}
