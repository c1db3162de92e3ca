using System.Diagnostics.Metrics;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// The engine's metrics (System.Diagnostics.Metrics; nothing is collected until a listener, such as the worker's
/// <c>/metrics</c>, subscribes). Labels are fixed words only: a provider id, a verdict code, an outcome. Never a key,
/// a fingerprint, a URL or any text.
/// </summary>
public static class DiagnosticsMetrics
{
    public const string MeterName = "ChatOpsBot.Diagnostics";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Diagnoses = Meter.CreateCounter<long>(
        "chatopsbot.diagnoses", "{diagnosis}", "Provider diagnoses finished, by provider and verdict code.");

    private static readonly Histogram<double> ProbeDuration = Meter.CreateHistogram(
        "chatopsbot.probe.duration", "s", "Time of one provider probe request until its answer (or failure), by provider and outcome.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15] });

    internal static void Diagnosed(ProviderId provider, string verdictCode) =>
        Diagnoses.Add(1, new KeyValuePair<string, object?>("provider", provider.Wire()), new KeyValuePair<string, object?>("verdict", verdictCode));

    internal static void Probed(ProviderId provider, TimeSpan elapsed, bool answered) =>
        ProbeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("provider", provider.Wire()), new KeyValuePair<string, object?>("outcome", answered ? "answered" : "failed"));
}
