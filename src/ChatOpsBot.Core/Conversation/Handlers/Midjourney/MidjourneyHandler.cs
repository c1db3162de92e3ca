using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Conversation.Handlers.Midjourney;

/// <summary>
/// <c>/diagnose midjourney</c>: on a platform with a place check (Discord), that check with a live checklist and
/// the usual verdict card; elsewhere, a short answer that Midjourney lives on Discord, with the DM/web checklist.
/// </summary>
public sealed class MidjourneyHandler(DiagnosisRunner runner, IEnumerable<IMidjourneyCheck> midjourneyChecks)
{
    /// <summary>The Midjourney checks' stages, in the order the checklist shows them.</summary>
    private static readonly DiagnosticStage[] MidjourneyStages =
    [
        DiagnosticStage.Server, DiagnosticStage.Channel, DiagnosticStage.MidjourneyBot,
        DiagnosticStage.BotPermissions, DiagnosticStage.UserPermissions, DiagnosticStage.Account,
    ];

    public async Task HandleAsync(IncomingMessage message, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sink);
        var check = midjourneyChecks.FirstOrDefault(c => c.Platform == message.User.Platform);
        if (check is null)
        {
            await sink.SendAsync(ConversationTexts.MidjourneyElsewhere(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var visibility = message.IsPrivate ? ReplyVisibility.Private : ReplyVisibility.Public;
        var checklist = new DiagnosisChecklist(ProviderId.Midjourney, null, MidjourneyStages);
        ProviderReport? report = null;
        await runner.WithLiveChecklistAsync(
            checklist,
            visibility,
            sink,
            async () =>
            {
                report = await check.RunAsync(message, checklist.ProgressFor(new Dictionary<ProviderId, int> { [ProviderId.Midjourney] = 0 }), cancellationToken).ConfigureAwait(false);
                checklist.Apply(0, new ProviderFinished(ProviderId.Midjourney, report));
            },
            cancellationToken).ConfigureAwait(false);

        var all = new DiagnosisReport([report!], report!.Elapsed);
        await runner.FinishAsync(message.User, all, null, visibility, null, null, checklist, [], sink, cancellationToken).ConfigureAwait(false);
    }
}
