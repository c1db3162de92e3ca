using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// Gathers the targets of one provider that start failing during one incident on its status page, so the team gets
/// one alert per destination naming them all instead of one each. The first such target opens a group; the group is
/// sent once every other target of that provider has been checked since and is not half-way to failing (or after
/// <c>max(2, FailuresBeforeAlert)</c> check intervals, whichever comes first). Held targets are stored as not yet
/// notified, so a restart before the group is sent alerts them again rather than losing the alert. In memory, one
/// instance per coordinator; callers hold the coordinator's lock.
/// </summary>
internal sealed class IncidentGroups(MonitorCatalog catalog, int failuresBeforeAlert)
{
    private readonly Dictionary<ProviderId, Group> _groups = [];
    private readonly Dictionary<string, (ProviderId Provider, string Incident)> _alerted = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="target"/> waits in a group.</summary>
    public bool IsHeld(string target) => _groups.Values.Any(g => g.Members.Any(m => m.Target.Name == target));

    /// <summary>Adds a target whose failing alert names a provider incident.</summary>
    public void Hold(MonitorTarget target, ProviderReport report, Finding incident, DateTimeOffset? since, DateTimeOffset now)
    {
        var name = IncidentAlertComposer.NameOf(incident) ?? incident.Title;
        if (!_groups.TryGetValue(target.Provider, out var group) || group.Incident != name)
        {
            group = new Group(target.Provider, name, incident, now);
            _groups[target.Provider] = group; // a group of another incident is sent by Due first
        }

        group.Members.RemoveAll(m => m.Target.Name == target.Name);
        group.Members.Add(new Member(target, report, since));
    }

    /// <summary>Takes <paramref name="target"/> out of its group (it recovered before the group was sent).</summary>
    public void Release(string target)
    {
        foreach (var group in _groups.Values)
        {
            group.Members.RemoveAll(m => m.Target.Name == target);
        }
    }

    /// <summary>The groups ready to send, removed; <paramref name="records"/> gives every target's current state.</summary>
    public IReadOnlyList<(ProviderId Provider, Finding Incident, IReadOnlyList<(MonitorTarget Target, ProviderReport Report, DateTimeOffset? Since)> Members)> Due(
        Func<string, TargetRecord> records, DateTimeOffset now)
    {
        var ready = new List<(ProviderId, Finding, IReadOnlyList<(MonitorTarget, ProviderReport, DateTimeOffset?)>)>();
        foreach (var group in _groups.Values.ToList())
        {
            if (group.Members.Count == 0)
            {
                _groups.Remove(group.Provider);
                continue;
            }

            var others = catalog.Targets.Where(t => t.Provider == group.Provider && group.Members.All(m => m.Target.Name != t.Name)).ToList();
            var interval = catalog.Targets.Where(t => t.Provider == group.Provider).Max(t => t.Interval);
            var settled = others.All(t => records(t.Name) is { LastCheck: { } checkedAt, State: not TargetState.Pending } && checkedAt >= group.Opened);
            if (settled || now - group.Opened >= interval * Math.Max(2, failuresBeforeAlert))
            {
                _groups.Remove(group.Provider);
                foreach (var member in group.Members)
                {
                    _alerted[member.Target.Name] = (group.Provider, group.Incident);
                }

                ready.Add((group.Provider, group.Finding, [.. group.Members.Select(m => (m.Target, m.Report, m.Since))]));
            }
        }

        return ready;
    }

    /// <summary>The incident <paramref name="target"/> was last alerted for, taken: its recovery notice says whether it ended.</summary>
    public (ProviderId Provider, string Incident)? TakeAlerted(string target) =>
        _alerted.Remove(target, out var incident) ? incident : null;

    /// <summary>Remembers that <paramref name="target"/>'s own alert named <paramref name="incident"/>.</summary>
    public void MarkAlerted(string target, ProviderId provider, Finding incident) =>
        _alerted[target] = (provider, IncidentAlertComposer.NameOf(incident) ?? incident.Title);

    private sealed record Member(MonitorTarget Target, ProviderReport Report, DateTimeOffset? Since);

    private sealed class Group(ProviderId provider, string incident, Finding finding, DateTimeOffset opened)
    {
        public ProviderId Provider => provider;

        public string Incident => incident;

        public Finding Finding => finding;

        public DateTimeOffset Opened => opened;

        public List<Member> Members { get; } = [];
    }
}
