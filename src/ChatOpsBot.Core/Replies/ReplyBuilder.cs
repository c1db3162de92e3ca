using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Replies;

/// <summary>Turns engine reports and checklists into <see cref="Reply"/>s. Every verdict carries <c>code: …</c>.</summary>
public static class ReplyBuilder
{
    /// <summary>Evidence shown as fields, in this order; others go to the details view.</summary>
    private static readonly string[] KeyEvidence =
        ["status", "request_id", "error_code", "error_type", "reason", "model", "retry_after", "ratelimit_remaining_requests", "ratelimit_remaining_tokens", "phase", "elapsed_ms"];

    /// <summary>The final answer of a diagnosis: one card per provider report.</summary>
    /// <param name="report">The engine's report (already scrubbed by the engine; the sink scrubs again).</param>
    /// <param name="visibility">Private for anything involving a user's own key.</param>
    /// <param name="keyNames">Team key names by report index, or null.</param>
    /// <param name="buttons">Buttons to offer (Re-run, Details, Enter key privately).</param>
    /// <param name="checklist">The checklist's final state, kept on the reply.</param>
    public static Reply FromReport(
        DiagnosisReport report,
        ReplyVisibility visibility,
        IReadOnlyList<string?>? keyNames = null,
        IReadOnlyList<ReplyButton>? buttons = null,
        ChecklistSnapshot? checklist = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cards = report.Providers.Select((p, i) => Card(p, keyNames is not null && i < keyNames.Count ? keyNames[i] : null)).ToList();
        var text = cards.Count == 1
            ? $"{Mark(cards[0].Verdict.Severity)} {cards[0].Heading} ({cards[0].Verdict.CodeText})"
            : string.Join("\n", cards.Select(c => $"{Mark(c.Verdict.Severity)} {c.Provider.Name}: {c.Verdict.Title} ({c.Verdict.CodeText})"));
        return new Reply
        {
            Kind = ReplyKind.Diagnosis,
            Visibility = visibility,
            Text = text,
            Cards = cards,
            Buttons = buttons ?? [],
            Checklist = checklist,
        };
    }

    /// <summary>One provider report as a card: verdict, detail, key evidence, checks, next steps.</summary>
    public static VerdictCard Card(ProviderReport report, string? keyName = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var v = report.Verdict;
        var checks = report.Findings
            .Where(f => f.Code != VerdictCodes.InfoRoute)
            .Select(f => $"{Mark(f.Severity, f.Code)} {f.Stage.Label()}: {f.Title}");
        var sections = new List<ReplySection> { new("Checks", [.. checks]) };
        if (v.Code is not (VerdictCodes.Ok or VerdictCodes.DiscordChecklist)
            && report.Findings.FirstOrDefault(f => f.Code == VerdictCodes.DiscordChecklist) is { NextSteps.Count: > 0 } unseen)
        {
            sections.Add(new ReplySection("What no bot can see (check these yourself)", [.. unseen.NextSteps.Select((s, i) => $"{i + 1}. {s}")]));
        }

        if (!report.Complete)
        {
            sections.Add(new ReplySection("Incomplete", ["The deadline cut this diagnosis short: what is above is what was found in time."]));
        }

        return new VerdictCard
        {
            Provider = ProviderOf(report.Provider),
            Verdict = VerdictOf(v),
            KeyShown = report.KeyShown,
            KeyName = keyName,
            Detail = v.Detail,
            Fields = Fields(v.Evidence, KeyEvidence),
            Sections = sections,
            NextSteps = v.NextSteps,
            Complete = report.Complete,
            ElapsedMs = (long)report.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>The "Details" view: every finding with its detail and all its evidence.</summary>
    public static Reply Details(DiagnosisReport report, ReplyVisibility visibility, IReadOnlyList<string?>? keyNames = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cards = report.Providers.Select((p, i) =>
        {
            var card = Card(p, keyNames is not null && i < keyNames.Count ? keyNames[i] : null);
            var lines = p.Findings.Select(f =>
            {
                var evidence = string.Join(" · ", Fields(f.Evidence, null).Select(x => $"{x.Name} {x.Value}"));
                var detail = string.IsNullOrEmpty(f.Detail) ? "" : $" — {f.Detail}";
                var code = f.Code is VerdictCodes.Ok or VerdictCodes.InfoRoute or VerdictCodes.InfoSkipped ? "" : $" [{f.Code}]";
                return $"{Mark(f.Severity, f.Code)} {f.Stage.Label()}: {f.Title}{code}{detail}{(evidence.Length > 0 ? $" ({evidence})" : "")}";
            });
            return card with { Fields = Fields(p.Verdict.Evidence, null), Sections = [new ReplySection("Every check", [.. lines])] };
        }).ToList();
        return new Reply { Kind = ReplyKind.Details, Visibility = visibility, Text = "Details of the diagnosis:", Cards = cards };
    }

    /// <summary>A progress reply carrying the checklist; finished rows already show their verdict and code.</summary>
    public static Reply Progress(ChecklistSnapshot checklist, ReplyVisibility visibility)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        return new Reply { Kind = ReplyKind.Progress, Visibility = visibility, Text = "Diagnosing…", Checklist = checklist };
    }

    /// <summary>The standard buttons of a finished diagnosis.</summary>
    /// <param name="token">The token naming the stored result; null offers no Re-run or Details.</param>
    /// <param name="rerunnable">Re-run only when the key can be read again (a team key); a user's key is never kept.</param>
    /// <param name="enterKeyProvider">Offer "Enter key privately" for this provider word, or null.</param>
    public static IReadOnlyList<ReplyButton> Buttons(string? token, bool rerunnable, string? enterKeyProvider)
    {
        var buttons = new List<ReplyButton>();
        if (token is not null && rerunnable)
        {
            buttons.Add(new ReplyButton("Re-run", CommandIds.Rerun(token), ReplyButtonAction.Rerun));
        }

        if (token is not null)
        {
            buttons.Add(new ReplyButton("Details", CommandIds.Details(token), ReplyButtonAction.Details));
        }

        if (enterKeyProvider is not null)
        {
            buttons.Add(new ReplyButton("Enter key privately", CommandIds.EnterKey(enterKeyProvider), ReplyButtonAction.EnterKey));
        }

        return buttons;
    }

    /// <summary>✅ ok, ℹ️ info (➖ for a skipped check), ⚠️ warn, ❌ error.</summary>
    public static string Mark(ReplySeverity severity, string? code = null) => severity switch
    {
        ReplySeverity.Ok => "✅",
        ReplySeverity.Info when code == VerdictCodes.InfoSkipped => "➖",
        ReplySeverity.Info => "ℹ️",
        ReplySeverity.Warn => "⚠️",
        _ => "❌",
    };

    /// <summary>The engine's provider as replies show it.</summary>
    public static ReplyProvider ProviderOf(ProviderId provider) => new(provider.Wire(), provider.DisplayName());

    /// <summary>One line of a checklist: the engine's stage (its name and label) in <paramref name="state"/>.</summary>
    public static ChecklistStage StageOf(DiagnosticStage stage, StageState state) => new(stage.ToString(), state, stage.Label());

    /// <summary>The engine's verdict as chat shows it: the boundary between the engine's types and the reply model.</summary>
    public static ReplyVerdict VerdictOf(Finding verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new ReplyVerdict(verdict.Code, SeverityOf(verdict.Severity), verdict.Title);
    }

    /// <summary>The engine's severity as the reply model's.</summary>
    public static ReplySeverity SeverityOf(Severity severity) => severity switch
    {
        Severity.Ok => ReplySeverity.Ok,
        Severity.Info => ReplySeverity.Info,
        Severity.Warn => ReplySeverity.Warn,
        _ => ReplySeverity.Error,
    };

    private static string Mark(Severity severity, string? code) => Mark(SeverityOf(severity), code);

    private static List<ReplyField> Fields(JsonObject evidence, string[]? only)
    {
        var fields = new List<ReplyField>();
        IEnumerable<string> names = only is null ? evidence.Select(p => p.Key) : only.Where(evidence.ContainsKey);
        foreach (var name in names)
        {
            var value = evidence[name] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
                JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                var node => node.ToJsonString(),
            };
            if (!string.IsNullOrEmpty(value))
            {
                fields.Add(new ReplyField(name, value));
            }
        }

        return fields;
    }
}
