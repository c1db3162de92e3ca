using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Conversation;

public sealed partial class ConversationService
{
    /// <summary>The Midjourney checks' stages, in the order the checklist shows them.</summary>
    private static readonly DiagnosticStage[] MidjourneyStages =
    [
        DiagnosticStage.Server, DiagnosticStage.Channel, DiagnosticStage.MidjourneyBot,
        DiagnosticStage.BotPermissions, DiagnosticStage.UserPermissions, DiagnosticStage.Account,
    ];

    /// <summary>
    /// <c>/diagnose midjourney</c>: on a platform with a place check (Discord), that check with a live checklist and
    /// the usual verdict card; elsewhere, a short answer that Midjourney lives on Discord, with the DM/web checklist.
    /// </summary>
    private async Task MidjourneyAsync(IncomingMessage message, ScrubbingReplySink sink, CancellationToken cancellationToken)
    {
        var check = midjourneyChecks.FirstOrDefault(c => c.Platform == message.User.Platform);
        if (check is null)
        {
            await sink.SendAsync(Messages.MidjourneyElsewhere(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var visibility = message.IsPrivate ? ReplyVisibility.Private : ReplyVisibility.Public;
        var checklist = new DiagnosisChecklist(ProviderId.Midjourney, null, MidjourneyStages);
        var first = checklist.Latest;
        await sink.SendAsync(ReplyBuilder.Progress(first, visibility), cancellationToken).ConfigureAwait(false);
        using var stopUpdates = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = PushUpdatesAsync(checklist, first.Version, visibility, sink, stopUpdates.Token, cancellationToken);
        ProviderReport report;
        try
        {
            report = await check.RunAsync(message, checklist.ProgressFor(new Dictionary<ProviderId, int> { [ProviderId.Midjourney] = 0 }), cancellationToken).ConfigureAwait(false);
            checklist.Apply(0, new ProviderFinished(ProviderId.Midjourney, report));
        }
        finally
        {
            await stopUpdates.CancelAsync().ConfigureAwait(false);
            await updates.ConfigureAwait(false);
        }

        var all = new DiagnosisReport([report], report.Elapsed);
        var token = _results.Add(message.User, all, null, visibility);
        var final = ReplyBuilder.FromReport(all, visibility, null, ReplyBuilder.Buttons(token, false, null), checklist.Latest);
        Log.Diagnosed(logger, message.User.Platform, report.Verdict.Code);
        await sink.FinishAsync(final, cancellationToken).ConfigureAwait(false);
    }
}
