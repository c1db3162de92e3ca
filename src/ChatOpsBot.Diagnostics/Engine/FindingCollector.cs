using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// The findings of one provider's diagnosis. Every finding is scrubbed of secrets on the way in, then streamed.
/// </summary>
internal sealed class FindingCollector(ProviderId provider, SecretScrubber scrubber, IProgress<DiagnosisEvent>? progress)
{
    private readonly List<Finding> _findings = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Finding> Snapshot()
    {
        lock (_gate)
        {
            return [.. _findings];
        }
    }

    public void Add(Finding finding)
    {
        var clean = Scrub(finding, scrubber);
        lock (_gate)
        {
            _findings.Add(clean);
        }

        progress?.Report(new FindingAdded(provider, clean));
    }

    public void AddRange(IEnumerable<Finding> findings)
    {
        foreach (var finding in findings)
        {
            Add(finding);
        }
    }

    public void StageStarted(DiagnosticStage stage) => progress?.Report(new StageStarted(provider, stage));

    internal static Finding Scrub(Finding finding, SecretScrubber scrubber) => finding with
    {
        Title = scrubber.Scrub(finding.Title),
        Detail = scrubber.Scrub(finding.Detail),
        NextSteps = [.. finding.NextSteps.Select(scrubber.Scrub)],
        Evidence = (JsonObject)ScrubNode(finding.Evidence, scrubber)!,
    };

    private static JsonNode? ScrubNode(JsonNode? node, SecretScrubber scrubber) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ScrubNode(p.Value, scrubber)))),
        JsonArray array => new JsonArray([.. array.Select(n => ScrubNode(n, scrubber))]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(scrubber.Scrub(text)),
        _ => node.DeepClone(),
    };
}
