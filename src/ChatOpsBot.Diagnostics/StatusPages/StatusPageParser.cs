using System.Globalization;
using System.Text.Json;

namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// Reads the Statuspage v2 JSON (<c>/api/v2/summary.json</c>, <c>/api/v2/incidents.json</c>) through the source-generated
/// <see cref="StatusPageJsonContext"/>. Lenient about what is missing, strict about what is not JSON of that shape:
/// that throws <see cref="JsonException"/>, which the reader turns into "status unknown".
/// </summary>
internal static class StatusPageParser
{
    private static readonly HashSet<string> Finished = new(StringComparer.OrdinalIgnoreCase) { "resolved", "postmortem", "completed" };

    /// <summary>The summary; <c>Incidents</c> is null when the page sends no such key (incident.io).</summary>
    public static (string? Description, IReadOnlyList<StatusPageComponent> Components, IReadOnlyList<StatusPageIncident>? Incidents) Summary(string json, Uri root)
    {
        var dto = JsonSerializer.Deserialize(json, StatusPageJsonContext.Default.SummaryDto)
            ?? throw new JsonException("The summary is null.");
        if (dto.Components is null && dto.Status is null)
        {
            throw new JsonException("Neither components nor status: not a status summary.");
        }

        var components = (dto.Components ?? [])
            .OfType<ComponentDto>()
            .Where(c => c.Group != true && !string.IsNullOrWhiteSpace(c.Name))
            .Select(c => new StatusPageComponent(c.Id ?? "", c.Name!.Trim(), c.Status ?? "unknown"))
            .ToList();
        return (dto.Status?.Description, components, dto.Incidents is null ? null : Unresolved(dto.Incidents, root));
    }

    /// <summary>The unresolved incidents of <c>/api/v2/incidents.json</c>.</summary>
    public static IReadOnlyList<StatusPageIncident> Incidents(string json, Uri root)
    {
        var dto = JsonSerializer.Deserialize(json, StatusPageJsonContext.Default.IncidentListDto)
            ?? throw new JsonException("The incident list is null.");
        return Unresolved(dto.Incidents ?? [], root);
    }

    private static List<StatusPageIncident> Unresolved(IReadOnlyList<IncidentDto?> incidents, Uri root) =>
    [
        .. incidents.OfType<IncidentDto>()
            .Where(i => !string.IsNullOrWhiteSpace(i.Name) && !Finished.Contains(i.Status ?? ""))
            .Select(i => new StatusPageIncident(
                i.Name!.Trim(),
                i.Status ?? "investigating",
                i.Impact,
                Time(i.StartedAt) ?? Time(i.CreatedAt),
                LinkOf(i, root),
                ComponentsOf(i))),
    ];

    private static List<string> ComponentsOf(IncidentDto incident)
    {
        var names = (incident.Components ?? []).OfType<ComponentDto>()
            .Select(c => c.Name ?? c.Id)
            .Concat((incident.IncidentUpdates ?? []).OfType<IncidentUpdateDto>()
                .SelectMany(u => u.AffectedComponents ?? [])
                .OfType<AffectedComponentDto>()
                .Select(a => a.Name ?? a.Code));
        return [.. names.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The incident's page under the configured root (<c>/incidents/&lt;id&gt;</c>), else its short link, else the root.</summary>
    private static Uri LinkOf(IncidentDto incident, Uri root)
    {
        if (incident.Id is { Length: > 0 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return new Uri(root, "incidents/" + id);
        }

        return Uri.TryCreate(incident.Shortlink, UriKind.Absolute, out var shortlink) && shortlink.Scheme is "https" or "http" ? shortlink : root;
    }

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;
}
