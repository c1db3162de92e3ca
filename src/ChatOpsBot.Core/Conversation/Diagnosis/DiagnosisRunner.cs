using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>
/// Runs diagnoses for the handlers with a live checklist: a pending checklist first, then the latest state whenever
/// the sink is ready for it, then the final answer, kept behind a button token in the <see cref="ResultStore"/>.
/// </summary>
public sealed partial class DiagnosisRunner(DiagnosticEngine engine, ResultStore results, TimeProvider timeProvider, ILogger<DiagnosisRunner> logger)
{
    /// <summary>
    /// Runs the engine for <paramref name="runs"/>. The engine's events name only a provider, so two keys of one
    /// provider go to separate engine runs (in parallel). <paramref name="rerun"/> is set for team keys only.
    /// </summary>
    public async Task RunAsync(
        ChatUser user,
        IReadOnlyList<DiagnosisRun> runs,
        RerunPlan? rerun,
        ReplyVisibility visibility,
        List<string> notes,
        IReplySink sink,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(runs);
        Log.Diagnosing(logger, user.Platform, runs.Count, rerun is not null);
        var checklist = new DiagnosisChecklist(runs.Select(r => (r.Request.Provider, r.Label, r.Request.Model is not null, r.Request.Deep)));

        // Batches of distinct providers; row i of the checklist is runs[i].
        var batches = new List<List<int>>();
        foreach (var (run, index) in runs.Select((r, i) => (r, i)))
        {
            var batch = batches.FirstOrDefault(b => b.All(j => runs[j].Request.Provider != run.Request.Provider));
            if (batch is null)
            {
                batch = [];
                batches.Add(batch);
            }

            batch.Add(index);
        }

        var reports = new ProviderReport[runs.Count];
        var elapsed = TimeSpan.Zero;
        await WithLiveChecklistAsync(
            checklist,
            visibility,
            sink,
            async () =>
            {
                var started = timeProvider.GetTimestamp();
                await Task.WhenAll(batches.Select(async batch =>
                {
                    var rowOf = batch.ToDictionary(i => runs[i].Request.Provider, i => i);
                    var report = await engine.RunAsync([.. batch.Select(i => runs[i].Request)], null, checklist.ProgressFor(rowOf), cancellationToken).ConfigureAwait(false);
                    for (var k = 0; k < batch.Count; k++)
                    {
                        reports[batch[k]] = report.Providers[k];
                    }
                })).ConfigureAwait(false);
                elapsed = timeProvider.GetElapsedTime(started);
            },
            cancellationToken).ConfigureAwait(false);

        var all = new DiagnosisReport(reports, elapsed);
        var enterKey = rerun is null && runs.Count == 1 ? runs[0].Request.Provider.Wire() : null; // check a fixed key again
        await FinishAsync(user, all, rerun, visibility, [.. runs.Select(r => r.KeyName)], enterKey, checklist, notes, sink, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="checklist"/> as a progress reply, runs <paramref name="work"/> while pushing the
    /// checklist's changes, and returns once the last update is out.
    /// </summary>
    public async Task WithLiveChecklistAsync(DiagnosisChecklist checklist, ReplyVisibility visibility, IReplySink sink, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(work);
        var first = checklist.Latest;
        await sink.SendAsync(ReplyBuilder.Progress(first, visibility), cancellationToken).ConfigureAwait(false);
        using var stopUpdates = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = PushUpdatesAsync(checklist, first.Version, visibility, sink, stopUpdates.Token, cancellationToken);
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            await stopUpdates.CancelAsync().ConfigureAwait(false);
            await updates.ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the result behind a token and finishes the answer with the verdict cards and their buttons.</summary>
    public async Task FinishAsync(
        ChatUser user,
        DiagnosisReport report,
        RerunPlan? rerun,
        ReplyVisibility visibility,
        IReadOnlyList<string?>? keyNames,
        string? enterKey,
        DiagnosisChecklist checklist,
        IReadOnlyList<string> notes,
        IReplySink sink,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(sink);
        var token = await results.AddAsync(user, report, rerun, visibility, cancellationToken).ConfigureAwait(false);
        var final = ReplyBuilder.FromReport(report, visibility, keyNames, ReplyBuilder.Buttons(token, rerun is not null, enterKey), checklist.Latest);
        if (notes.Count > 0)
        {
            final = final with { Text = final.Text + "\n" + string.Join("\n", notes) };
        }

        Log.Diagnosed(logger, user.Platform, string.Join(",", report.Providers.Select(p => p.Verdict.Code)));
        await sink.FinishAsync(final, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands the sink the newest checklist each time it is ready for one; states in between are folded.</summary>
    private async Task PushUpdatesAsync(DiagnosisChecklist checklist, int version, ReplyVisibility visibility, IReplySink sink, CancellationToken stop, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var latest = await checklist.WaitForChangeAsync(version, stop).ConfigureAwait(false);
                version = latest.Version;
                await sink.UpdateAsync(ReplyBuilder.Progress(latest, visibility), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the diagnosis ended; the final answer follows
        }
#pragma warning disable CA1031 // a failing progress edit must not fail the diagnosis: the final answer is still sent
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.UpdateFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4, LogLevel.Information, "Diagnosing {Count} keys for a user on {Platform} (team keys: {TeamKeys}).")]
        public static partial void Diagnosing(ILogger logger, ChatPlatform platform, int count, bool teamKeys);

        [LoggerMessage(5, LogLevel.Information, "Diagnosis for a user on {Platform} ended with {Verdicts}.")]
        public static partial void Diagnosed(ILogger logger, ChatPlatform platform, string verdicts);

        [LoggerMessage(6, LogLevel.Warning, "A progress update could not be delivered; no more updates for this diagnosis.")]
        public static partial void UpdateFailed(ILogger logger, Exception exception);
    }
}
