namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// One reading of a status page: its components and the incidents it reports as not resolved, or why there is none
/// (<see cref="Problem"/>). <see cref="State"/> and <see cref="Incident"/> judge it for the components an API key
/// depends on.
/// </summary>
public sealed record StatusPageReading
{
    public required StatusPage Page { get; init; }

    /// <summary>The page a person opens (the configured root, or the page's own link).</summary>
    public Uri? Link { get; init; }

    /// <summary>Set when the page could not be read: what went wrong, in words ("did not answer within 1.5 s").</summary>
    public string? Problem { get; init; }

    /// <summary>True when the page is off or none is known; <see cref="Page"/>.<see cref="StatusPage.Readable"/> says which.</summary>
    public bool IsOff { get; init; }

    /// <summary>The page's own one-line summary ("All Systems Operational"), if it gave one.</summary>
    public string? Description { get; init; }

    public IReadOnlyList<StatusPageComponent> Components { get; init; } = [];

    /// <summary>The incidents not yet resolved.</summary>
    public IReadOnlyList<StatusPageIncident> Incidents { get; init; } = [];

    /// <summary>When it was read (or tried).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The state for an API key.</summary>
    public StatusPageState State => IsOff
        ? (Page.Link is not null && !Page.Readable ? StatusPageState.LinkOnly : StatusPageState.Off)
        : Problem is not null ? StatusPageState.Unknown
        : Incident is not null ? StatusPageState.Incident
        : StatusPageState.Operational;

    /// <summary>
    /// The incident on a watched component now: an unresolved incident naming one (by name or id); one that names no
    /// component (incident.io's shim names none) while a watched component is not operational; or, failing both, the
    /// first watched component that is not operational, as its own entry.
    /// </summary>
    public StatusPageIncident? Incident
    {
        get
        {
            if (IsOff || Problem is not null)
            {
                return null;
            }

            var watched = Components.Where(c => Page.Watches(c.Name)).ToList();
            var ids = watched.Select(c => c.Id).Concat(watched.Select(c => c.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var affected = watched.Where(c => c.Affected).ToList();
            foreach (var incident in Incidents)
            {
                if (incident.Components.Count > 0
                    ? incident.Components.Any(c => ids.Contains(c) || (Components.Count == 0 && Page.Watches(c)))
                    : affected.Count > 0 || Page.Components.Count == 0)
                {
                    List<string> named = incident.Components.Count > 0
                        ? [.. incident.Components.Select(c => Components.FirstOrDefault(k => k.Id == c)?.Name ?? c)]
                        : [.. affected.Select(c => c.Name)]; // the page names none: the watched ones not operational
                    return incident with { Components = named };
                }
            }

            return affected.Count == 0
                ? null
                : new StatusPageIncident($"{affected[0].Name}: {Words(affected[0].Status)}", affected[0].Status, null, null, Link ?? Page.Link!, [.. affected.Select(c => c.Name)]);
        }
    }

    /// <summary><c>partial_outage</c> → <c>partial outage</c>.</summary>
    public static string Words(string status) => status.Replace('_', ' ');
}
