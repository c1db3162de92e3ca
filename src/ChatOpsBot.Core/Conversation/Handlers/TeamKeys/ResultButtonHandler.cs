using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Conversation.Handlers.TeamKeys;

/// <summary>
/// The buttons under a result: Details (always private), Re-run (team keys only, for the team), and "Enter key
/// privately" where the platform has no form for it.
/// </summary>
public sealed class ResultButtonHandler(ResultStore results, TeamKeyHandler teamKeyHandler, TeamKeyRegistry teamKeys, AccessPolicy access)
{
    public async Task HandleAsync(IncomingMessage message, string button, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(button);
        ArgumentNullException.ThrowIfNull(sink);
        if (button.StartsWith(CommandIds.EnterKeyPrefix, StringComparison.Ordinal))
        {
            var word = button[CommandIds.EnterKeyPrefix.Length..];
            await sink.SendAsync(ConversationTexts.Info($"Send me your {word} key in a private message (or in the private form) and I will check it there."), cancellationToken).ConfigureAwait(false);
            return;
        }

        var rerun = button.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal);
        var details = button.StartsWith(CommandIds.DetailsPrefix, StringComparison.Ordinal);
        var token = button[(button.IndexOf(':', StringComparison.Ordinal) + 1)..];
        StoredResult? stored;
        try
        {
            stored = rerun || details ? await results.GetAsync(token, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (MonitorStoreException)
        {
            await sink.SendAsync(ConversationTexts.Info("I cannot reach my database right now, so I cannot find that result. Press the button again in a minute, or run /diagnose again."), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (stored is null)
        {
            await sink.SendAsync(ConversationTexts.Info(rerun || details
                ? "That result has expired. Run /diagnose again."
                : "I do not know that button.") with { Kind = rerun || details ? ReplyKind.Info : ReplyKind.Help }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (stored.Visibility == ReplyVisibility.Private && !stored.Owner.IsSamePerson(message.User))
        {
            await sink.SendAsync(ConversationTexts.Refusal("That result belongs to someone else."), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (details)
        {
            await sink.SendAsync(ReplyBuilder.Details(stored.Report, ReplyVisibility.Private, stored.Rerun?.TeamKeyNames), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (stored.Rerun is not { } plan)
        {
            await sink.SendAsync(ConversationTexts.Info("I do not keep keys, so I cannot run that again: send the key again privately."), cancellationToken).ConfigureAwait(false);
            return;
        }

        var keys = plan.TeamKeyNames.Select(teamKeys.Find).OfType<TeamKey>().ToList();
        if (!access.MayUseTeamKeys(message.User))
        {
            await sink.SendAsync(ConversationTexts.NoTeamAccess(message.User.Platform, CommandIds.All), cancellationToken).ConfigureAwait(false);
            return;
        }

        await teamKeyHandler.RunAsync(message, keys, plan.Model, plan.Deep, stored.Visibility, [], sink, cancellationToken).ConfigureAwait(false);
    }
}
