using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Reports;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Core.Conversation;

public sealed partial class ConversationService
{
    /// <summary>
    /// Runs the engine for <paramref name="runs"/> with a live checklist: a pending checklist first, then the latest
    /// state whenever the sink is ready for it, then the final answer. The engine's events name only a provider, so
    /// two keys of one provider go to separate engine runs (in parallel).
    /// </summary>
    private async Task RunAsync(
        ChatUser user,
        IReadOnlyList<Run> runs,
        RerunPlan? rerun,
        ReplyVisibility visibility,
        List<string> notes,
        ScrubbingReplySink sink,
        CancellationToken cancellationToken)
    {
        var checklist = new DiagnosisChecklist(runs.Select(r => (r.Request.Provider, r.Label, r.Request.Model is not null, r.Request.Deep)));
        var first = checklist.Latest;
        await sink.SendAsync(ReplyBuilder.Progress(first, visibility), cancellationToken).ConfigureAwait(false);

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

        using var stopUpdates = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = PushUpdatesAsync(checklist, first.Version, visibility, sink, stopUpdates.Token, cancellationToken);
        var reports = new ProviderReport[runs.Count];
        var started = timeProvider.GetTimestamp();
        try
        {
            await Task.WhenAll(batches.Select(async batch =>
            {
                var rowOf = batch.ToDictionary(i => runs[i].Request.Provider, i => i);
                var report = await engine.RunAsync([.. batch.Select(i => runs[i].Request)], null, checklist.ProgressFor(rowOf), cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < batch.Count; k++)
                {
                    reports[batch[k]] = report.Providers[k];
                }
            })).ConfigureAwait(false);
        }
        finally
        {
            await stopUpdates.CancelAsync().ConfigureAwait(false);
            await updates.ConfigureAwait(false);
        }

        var all = new DiagnosisReport(reports, timeProvider.GetElapsedTime(started));
        var token = _results.Add(user, all, rerun, visibility);
        var enterKey = rerun is null && runs.Count == 1 ? runs[0].Request.Provider.Wire() : null; // check a fixed key again
        var final = ReplyBuilder.FromReport(all, visibility, [.. runs.Select(r => r.KeyName)], ReplyBuilder.Buttons(token, rerun is not null, enterKey), checklist.Latest);
        if (notes.Count > 0)
        {
            final = final with { Text = final.Text + "\n" + string.Join("\n", notes) };
        }

        Log.Diagnosed(logger, user.Platform, string.Join(",", all.Providers.Select(p => p.Verdict.Code)));
        await sink.FinishAsync(final, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands the sink the newest checklist each time it is ready for one; states in between are folded.</summary>
    private async Task PushUpdatesAsync(DiagnosisChecklist checklist, int version, ReplyVisibility visibility, ScrubbingReplySink sink, CancellationToken stop, CancellationToken cancellationToken)
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
        [LoggerMessage(1, LogLevel.Debug, "Handling {Command} from {Platform} (private: {IsPrivate}).")]
        public static partial void Command(ILogger logger, ChatPlatform platform, Commands.CommandKind command, bool isPrivate);

        [LoggerMessage(2, LogLevel.Debug, "Handling button {Button} from {Platform}.")]
        public static partial void Button(ILogger logger, ChatPlatform platform, string button);

        [LoggerMessage(3, LogLevel.Information, "A message on {Platform} held {Count} key-shaped secrets in public: asking to delete it.")]
        public static partial void Exposure(ILogger logger, ChatPlatform platform, int count);

        [LoggerMessage(4, LogLevel.Information, "Diagnosing {Count} keys for a user on {Platform} (team keys: {TeamKeys}).")]
        public static partial void Diagnosing(ILogger logger, ChatPlatform platform, int count, bool teamKeys);

        [LoggerMessage(5, LogLevel.Information, "Diagnosis for a user on {Platform} ended with {Verdicts}.")]
        public static partial void Diagnosed(ILogger logger, ChatPlatform platform, string verdicts);

        [LoggerMessage(6, LogLevel.Warning, "A progress update could not be delivered; no more updates for this diagnosis.")]
        public static partial void UpdateFailed(ILogger logger, Exception exception);
    }
}
