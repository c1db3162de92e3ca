using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Diagnostics.Reports;

/// <summary>The JSON form of docs/contract.md (JSON). Field names are snake_case; these may not change.</summary>
public static class JsonReport
{
    /// <summary>
    /// The report as JSON. With a <paramref name="scrubber"/>, every string value passes through it before it is
    /// written, so the JSON always parses: scrubbing the serialised text could eat a quote of the JSON itself.
    /// </summary>
    public static string Serialize(DiagnosisReport report, SecretScrubber? scrubber = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dto = new JsonReportDto([.. report.Providers.Select(ToDto)], (long)report.Elapsed.TotalMilliseconds);
        if (scrubber is null)
        {
            return JsonSerializer.Serialize(dto, Context.JsonReportDto);
        }

        var node = scrubber.ScrubJson(JsonSerializer.SerializeToNode(dto, Context.JsonReportDto));
        return node?.ToJsonString(Context.Options) ?? "null";
    }

    // Readable output: "sk-proj-…a1b2" rather than "sk-proj-\u2026a1b2". Output goes to files and terminals, not HTML.
    private static readonly JsonReportContext Context = new(new JsonSerializerOptions(JsonReportContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static JsonProviderDto ToDto(ProviderReport report) => new(
        report.Provider.Wire(),
        report.Verdict.Code,
        report.Severity.ToWire(),
        report.Verdict.Title,
        report.KeyShown,
        report.KeyFingerprint,
        (long)report.Elapsed.TotalMilliseconds,
        report.Complete,
        [.. report.Findings.Select(f => new JsonFindingDto(
            f.Code, f.Severity.ToWire(), f.Stage.ToWire(), f.Title, f.Detail, f.NextSteps, (JsonObject)f.Evidence.DeepClone()))]);
}

internal sealed record JsonReportDto(IReadOnlyList<JsonProviderDto> Providers, long ElapsedMs);

internal sealed record JsonProviderDto(
    string Provider,
    string Verdict,
    string Severity,
    string Title,
    string? Key,
    string? KeyFingerprint,
    long ElapsedMs,
    bool Complete,
    IReadOnlyList<JsonFindingDto> Findings);

internal sealed record JsonFindingDto(
    string Code,
    string Severity,
    string Stage,
    string Title,
    string Detail,
    IReadOnlyList<string> NextSteps,
    JsonObject Evidence);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReportDto))]
internal sealed partial class JsonReportContext : JsonSerializerContext;
