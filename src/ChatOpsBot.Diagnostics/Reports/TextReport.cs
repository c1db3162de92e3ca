using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Diagnostics.Reports;

/// <summary>
/// The terminal rendering: one verdict line per provider, then for each provider its findings, evidence, timing
/// and next steps. Every verdict shows <c>code: &lt;code&gt;</c> (docs/contract.md, The verdict).
/// </summary>
public static class TextReport
{
    public static void Write(DiagnosisReport report, TextWriter writer, bool color)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var paint = new Paint(color);
        // The names line up: at least 9 wide (openai, anthropic, gemini), wider when a longer name is in the report.
        var width = report.Providers.Select(p => p.Provider.Wire().Length).Append(9).Max();
        foreach (var p in report.Providers)
        {
            var key = p.KeyShown is null ? "" : $"  key {p.KeyShown}";
            writer.WriteLine(Inv(
                $"{Mark(p.Verdict.Severity, paint)} {p.Provider.Wire().PadRight(width)} {paint.Bold(p.Verdict.Title)}  (code: {p.Verdict.Code}){key}  {Ms(p.Elapsed)}"));
        }

        foreach (var p in report.Providers)
        {
            writer.WriteLine();
            WriteProvider(p, writer, paint);
        }
    }

    private static void WriteProvider(ProviderReport p, TextWriter writer, Paint paint)
    {
        writer.WriteLine(Inv($"{paint.Bold(p.Provider.DisplayName())} — {p.Verdict.Title} (code: {p.Verdict.Code})"));
        if (!string.IsNullOrEmpty(p.Verdict.Detail))
        {
            writer.WriteLine($"  {p.Verdict.Detail}");
        }

        var verdictEvidence = EvidenceLine(p.Verdict.Evidence);
        if (verdictEvidence.Length > 0)
        {
            writer.WriteLine($"  evidence: {verdictEvidence}");
        }

        writer.WriteLine("  checks:");
        foreach (var f in p.Findings)
        {
            var detail = string.IsNullOrEmpty(f.Detail) || ReferenceEquals(f, p.Verdict) ? "" : $" — {f.Detail}";
            var code = f.Code is VerdictCodes.Ok or VerdictCodes.InfoRoute or VerdictCodes.InfoSkipped ? "" : $" [{f.Code}]";
            writer.WriteLine($"    {Mark(f.Severity, paint)} {f.Stage.Label()}: {f.Title}{code}{detail}");
        }

        var timing = TimingLine(p.Findings);
        if (timing.Length > 0)
        {
            writer.WriteLine($"  timing: {timing}");
        }

        if (!p.Complete)
        {
            writer.WriteLine(paint.Yellow("  (cut short by the deadline: results above are partial)"));
        }

        var steps = p.Verdict.NextSteps;
        if (steps.Count > 0)
        {
            writer.WriteLine("  next steps:");
            for (var i = 0; i < steps.Count; i++)
            {
                writer.WriteLine(Inv($"    {i + 1}. {steps[i]}"));
            }
        }

        foreach (var warn in p.Findings.Where(f => f.Severity == Severity.Warn && !ReferenceEquals(f, p.Verdict) && f.NextSteps.Count > 0))
        {
            writer.WriteLine(Inv($"  also ({warn.Code}): {warn.NextSteps[0]}"));
        }
    }

    /// <summary>
    /// "dns 3 ms · connect 1 ms · proxy 4 ms · tls 20 ms · egress 35 ms · first byte 180 ms", from the findings'
    /// evidence (proxy: the CONNECT answer; egress: the trace request), each part only when it was measured.
    /// </summary>
    public static string TimingLine(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var parts = new List<string>();
        foreach (var (key, label) in new[] { ("dns_ms", "dns"), ("connect_ms", "connect"), ("proxy_connect_ms", "proxy"), ("tls_ms", "tls"), ("egress_ms", "egress"), ("first_byte_ms", "first byte") })
        {
            var value = findings.Select(f => f.Evidence[key]).FirstOrDefault(v => v is not null);
            if (value is JsonValue v && v.TryGetValue<long>(out var ms))
            {
                parts.Add(Inv($"{label} {ms} ms"));
            }
            else if (value is JsonValue d && d.TryGetValue<double>(out var msd))
            {
                parts.Add(Inv($"{label} {msd:0} ms"));
            }
        }

        return string.Join(" · ", parts);
    }

    private static string EvidenceLine(JsonObject evidence)
    {
        var parts = new List<string>();
        foreach (var (key, value) in evidence)
        {
            if (value is JsonValue or null)
            {
                parts.Add($"{key} {value?.ToString() ?? "null"}");
            }
        }

        return string.Join(" · ", parts);
    }

    private static string Mark(Severity severity, Paint paint) => severity switch
    {
        Severity.Ok => paint.Green("✓"),
        Severity.Info => paint.Dim("·"),
        Severity.Warn => paint.Yellow("!"),
        _ => paint.Red("✗"),
    };

    private static string Ms(TimeSpan elapsed) => Inv($"{(long)elapsed.TotalMilliseconds} ms");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Paint(bool On)
    {
        public string Bold(string s) => Wrap("1", s);

        public string Green(string s) => Wrap("32", s);

        public string Red(string s) => Wrap("31", s);

        public string Yellow(string s) => Wrap("33", s);

        public string Dim(string s) => Wrap("2", s);

        private string Wrap(string code, string s) => On ? $"\u001b[{code}m{s}\u001b[0m" : s;
    }
}
