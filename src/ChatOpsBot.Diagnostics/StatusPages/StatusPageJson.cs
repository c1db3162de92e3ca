using System.Text.Json.Serialization;

namespace ChatOpsBot.Diagnostics.StatusPages;

// The Statuspage v2 API's JSON (https://discordstatus.com/api/v2 documents it; incident.io's shim at
// https://status.openai.com/api/v2/summary.json serves the same shape without "incidents"). Every member is optional:
// pages differ in what they send, and a missing key must not throw a reading away.

internal sealed record SummaryDto(
    PageDto? Page,
    IndicatorDto? Status,
    IReadOnlyList<ComponentDto?>? Components,
    IReadOnlyList<IncidentDto?>? Incidents);

internal sealed record IncidentListDto(IReadOnlyList<IncidentDto?>? Incidents);

internal sealed record PageDto(string? Name, string? Url);

internal sealed record IndicatorDto(string? Indicator, string? Description);

internal sealed record ComponentDto(string? Id, string? Name, string? Status, bool? Group);

internal sealed record IncidentDto(
    string? Id,
    string? Name,
    string? Status,
    string? Impact,
    string? Shortlink,
    string? StartedAt,
    string? CreatedAt,
    IReadOnlyList<ComponentDto?>? Components,
    IReadOnlyList<IncidentUpdateDto?>? IncidentUpdates);

internal sealed record IncidentUpdateDto(IReadOnlyList<AffectedComponentDto?>? AffectedComponents);

internal sealed record AffectedComponentDto(string? Code, string? Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 16)]
[JsonSerializable(typeof(SummaryDto))]
[JsonSerializable(typeof(IncidentListDto))]
internal sealed partial class StatusPageJsonContext : JsonSerializerContext;
