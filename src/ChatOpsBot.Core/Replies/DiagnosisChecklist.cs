using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Core.Replies;

/// <summary>
/// The live checklist of a running diagnosis: per row (a provider and its key) per stage, pending → ⏳ → ✅/⚠️/❌,
/// fed by the engine's <see cref="DiagnosisEvent"/>s. Thread-safe. Readers take <see cref="Latest"/> whenever they
/// like or wait with <see cref="WaitForChangeAsync"/>: there is no queue of states, only the newest, so an adapter
/// edits its message at its own pace.
/// </summary>
public sealed class DiagnosisChecklist
{
    private readonly Lock _gate = new();
    private readonly List<Row> _rows = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _version;
    private ChecklistSnapshot _latest;

    /// <param name="rows">One row per diagnosed key: its provider, a label (shown form or team key name), and whether a model and the deep check were asked for.</param>
    public DiagnosisChecklist(IEnumerable<(ProviderId Provider, string? KeyLabel, bool Model, bool Deep)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (provider, label, model, deep) in rows)
        {
            var stages = new List<DiagnosticStage> { DiagnosticStage.Key, DiagnosticStage.Route, DiagnosticStage.Network, DiagnosticStage.Auth };
            if (model)
            {
                stages.Add(DiagnosticStage.Model);
            }

            if (deep)
            {
                stages.Add(DiagnosticStage.Deep);
            }

            _rows.Add(new Row(provider, label, stages.ToDictionary(s => s, _ => StageState.Pending)));
        }

        _latest = Build();
    }

    /// <summary>A checklist of one row with the given stages (the Midjourney checks, which are not the engine's key stages).</summary>
    public DiagnosisChecklist(ProviderId provider, string? label, IReadOnlyList<DiagnosticStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        _rows.Add(new Row(provider, label, stages.ToDictionary(s => s, _ => StageState.Pending)));
        _latest = Build();
    }

    /// <summary>The newest state.</summary>
    public ChecklistSnapshot Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> for one engine run: events of a provider go to the row <paramref name="rowOf"/> gives it.</summary>
    public IProgress<DiagnosisEvent> ProgressFor(IReadOnlyDictionary<ProviderId, int> rowOf) => new Sink(this, rowOf);

    /// <summary>Applies one event to row <paramref name="row"/>.</summary>
    public void Apply(int row, DiagnosisEvent diagnosisEvent)
    {
        ArgumentNullException.ThrowIfNull(diagnosisEvent);
        TaskCompletionSource signal;
        lock (_gate)
        {
            var r = _rows[row];
            switch (diagnosisEvent)
            {
                case StageStarted started:
                    if (!r.Stages.TryGetValue(started.Stage, out var state) || state == StageState.Pending)
                    {
                        r.Stages[started.Stage] = StageState.Running;
                    }

                    break;
                case FindingAdded added:
                    var f = added.Finding;
                    var next = StateOf(f);
                    r.Stages[f.Stage] = r.Stages.TryGetValue(f.Stage, out var current) && current is not StageState.Pending and not StageState.Running
                        ? Worse(current, next)
                        : next;
                    break;
                case ProviderFinished finished:
                    foreach (var stage in r.Stages.Keys.ToList())
                    {
                        if (r.Stages[stage] is StageState.Pending)
                        {
                            r.Stages[stage] = StageState.Skipped;
                        }
                        else if (r.Stages[stage] is StageState.Running)
                        {
                            r.Stages[stage] = finished.Report.Complete ? StageState.Passed : StageState.Failed;
                        }
                    }

                    var v = finished.Report.Verdict;
                    r.Verdict = ReplyBuilder.VerdictOf(v);
                    break;
            }

            _version++;
            _latest = Build();
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Waits until the checklist is newer than <paramref name="sinceVersion"/>, then returns the newest state.</summary>
    public async Task<ChecklistSnapshot> WaitForChangeAsync(int sinceVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_latest.Version > sinceVersion)
                {
                    return _latest;
                }

                wait = _changed.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static StageState StateOf(Finding f) => f.Severity switch
    {
        Severity.Error => StageState.Failed,
        Severity.Warn => StageState.Warning,
        Severity.Info when f.Code == VerdictCodes.InfoSkipped => StageState.Skipped,
        _ => StageState.Passed,
    };

    private static StageState Worse(StageState a, StageState b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(StageState s) => s switch
    {
        StageState.Failed => 4,
        StageState.Warning => 3,
        StageState.Passed => 2,
        _ => 1,
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChecklistSnapshot Build() => new(_version, [.. _rows.Select(r => new ChecklistRow(
        ReplyBuilder.ProviderOf(r.Provider),
        r.Label,
        [.. r.Stages.OrderBy(s => s.Key).Select(s => ReplyBuilder.StageOf(s.Key, s.Value))],
        r.Verdict))]);

    private sealed class Row(ProviderId provider, string? label, Dictionary<DiagnosticStage, StageState> stages)
    {
        public ProviderId Provider { get; } = provider;

        public string? Label { get; } = label;

        public Dictionary<DiagnosticStage, StageState> Stages { get; } = stages;

        public ReplyVerdict? Verdict { get; set; }
    }

    private sealed class Sink(DiagnosisChecklist checklist, IReadOnlyDictionary<ProviderId, int> rowOf) : IProgress<DiagnosisEvent>
    {
        public void Report(DiagnosisEvent value)
        {
            if (value is not null && rowOf.TryGetValue(value.Provider, out var row))
            {
                checklist.Apply(row, value);
            }
        }
    }
}
