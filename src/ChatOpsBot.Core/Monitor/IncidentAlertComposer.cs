using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.StatusPages;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// The monitor's texts for a provider incident: the line an alert carries ("OpenAI reports an incident: …"), the one
/// alert that names every target of a provider that started failing during the same incident, and the line a recovery
/// notice carries about the incident's end.
/// </summary>
public static class IncidentAlertComposer
{
    /// <summary>The <c>provider.incident</c> finding of <paramref name="report"/>, if its status page reported one.</summary>
    public static Finding? IncidentOf(ProviderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Findings.FirstOrDefault(f => f.Code == VerdictCodes.ProviderIncident);
    }

    /// <summary>The incident's name as the page gave it (evidence <c>incident</c>).</summary>
    public static string? NameOf(Finding incident) =>
        incident?.Evidence["incident"]?.GetValue<string>();

    /// <summary>"OpenAI reports an incident: "Elevated error rates" (investigating, since …). Follow it: &lt;link&gt;".</summary>
    public static string Line(ProviderId provider, Finding incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var name = NameOf(incident) ?? incident.Title;
        var status = incident.Evidence["incident_status"]?.GetValue<string>();
        var since = incident.Evidence["incident_since"]?.GetValue<string>() is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? $", since {AlertComposer.At(at)}" : "";
        var link = incident.Evidence["incident_link"]?.GetValue<string>();
        var state = status is null ? "" : $" ({StatusPageReading.Words(status)}{since})";
        return $"{provider.DisplayName()} reports an incident: \"{name}\"{state}." + (link is null ? "" : $" Follow it: {link}");
    }

    /// <summary>
    /// One alert for <paramref name="members"/>, targets of one provider that started failing during one incident:
    /// who, since when, each verdict with its code, the incident line, and that nothing needs changing on the keys.
    /// </summary>
    public static Reply Group(ProviderId provider, Finding incident, IReadOnlyList<(MonitorTarget Target, ProviderReport Report, DateTimeOffset? Since)> members, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(members);
        var text = new StringBuilder();
        var names = string.Join(", ", members.Select(m => m.Target.Name));
        var display = provider.DisplayName();
        text.Append(members.Count == 1
            ? $"❌ {names} ({display}) is failing while {display} reports an incident\n"
            : $"❌ {members.Count} {display} keys are failing while {display} reports an incident: {names}\n");
        text.Append(Line(provider, incident)).Append('\n');
        foreach (var (target, report, since) in members)
        {
            var verdict = report.Verdict;
            text.Append(CultureInfo.InvariantCulture, $"• {target.Name}: {verdict.Title} (code: {verdict.Code}), since {AlertComposer.At(since ?? now)}\n");
        }

        text.Append("Most likely their side, not your keys: nothing to change. Each key gets its own notice when it works again.\n");
        text.Append(CultureInfo.InvariantCulture, $"Re-run: /diagnose key:{members[0].Target.Name}");
        return new Reply
        {
            Kind = ReplyKind.Alert,
            Visibility = ReplyVisibility.Public,
            Text = text.ToString(),
            Cards = [ReplyBuilder.Card(members[0].Report, members[0].Target.Name)],
        };
    }

    /// <summary>The recovery notice's line about the incident, from a fresh reading of the provider's page.</summary>
    public static string EndedLine(ProviderId provider, string incidentName, StatusPageReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var display = provider.DisplayName();
        return reading.State switch
        {
            StatusPageState.Incident when reading.Incident?.Name == incidentName =>
                $"{display} still reports the incident \"{incidentName}\" as of {AlertComposer.At(now)}.",
            StatusPageState.Unknown => $"Whether {display}'s incident \"{incidentName}\" has ended is unknown: its status page {reading.Problem}.",
            _ => $"{display}'s incident \"{incidentName}\" has ended: its status page no longer reports it ({AlertComposer.At(now)}).",
        };
    }
}
