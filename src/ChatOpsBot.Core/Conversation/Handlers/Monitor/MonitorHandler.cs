using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.TeamKeys;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics.StatusPages;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Core.Conversation.Handlers.Monitor;

/// <summary><c>/status</c> and <c>/alerts …</c>: the monitor's answers, for the team.</summary>
public sealed partial class MonitorHandler(
    AccessPolicy access,
    TeamKeyRegistry teamKeys,
    TimeProvider timeProvider,
    ILogger<MonitorHandler> logger,
    IMonitorControl? monitor = null,
    StatusPageReader? statusPages = null)
{
    /// <summary>How long the chart may take before <c>/status</c> goes without it.</summary>
    private static readonly TimeSpan ChartDeadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Monitor target names for a platform's autocomplete (Discord's <c>/alerts mute target:</c>): those starting with
    /// <paramref name="typed"/> first, then those containing it. None for someone outside the team (target names are
    /// team information), with the monitor off, or when it fails to answer (logged).
    /// </summary>
    public async Task<IReadOnlyList<string>> SuggestTargetsAsync(ChatUser user, string? typed, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!access.MayManageAlerts(user) || !MonitorOn)
        {
            return [];
        }

        MonitorOverview overview;
        try
        {
            overview = await monitor!.GetOverviewAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A boundary: no suggestions is the answer when the monitor cannot give them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MonitorFailed(logger, ex, CommandKind.Alerts, null);
            return [];
        }

        var t = typed?.Trim() ?? "";
        return [.. overview.Targets.Select(x => x.Name)
            .Where(n => n.Contains(t, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => !n.StartsWith(t, StringComparison.OrdinalIgnoreCase))
            .ThenBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Take(max)];
    }

    /// <summary>Answers <c>/status</c> or <c>/alerts …</c>; whatever the monitor throws, the user gets an answer.</summary>
    public async Task HandleAsync(IncomingMessage message, ChatCommand command, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(sink);
        Reply reply;
        try
        {
            reply = command.Kind == CommandKind.Status
                ? await StatusAsync(message, cancellationToken).ConfigureAwait(false)
                : await AlertsAsync(message, command, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A boundary: whatever the monitor's store throws, the user gets an answer and the log the exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MonitorFailed(logger, ex, command.Kind, command.Alert);
            reply = ConversationTexts.Info(MonitorTexts.MonitorUnavailable);
        }

        await sink.SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private bool MonitorOn => monitor is { IsEnabled: true };

    /// <summary>Why the monitor cannot answer: not part of this process (the terminal), or no targets configured.</summary>
    private static string MonitorOffText(IMonitorControl? monitor) => monitor is null ? MonitorTexts.MonitorNotInThisProcess : MonitorTexts.MonitoringOff;

    private async Task<Reply> StatusAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var user = message.User;
        var team = access.MayUseTeamKeys(user);
        if (!MonitorOn)
        {
            var count = teamKeys.All.Count;
            var keys = count == 0 ? "No team keys are configured." : $"{count} team key{(count == 1 ? " is" : "s are")} configured"
                + (team ? $": {string.Join(", ", teamKeys.All.Select(k => k.Name))}. Check one now with /diagnose key:<name>." : ".");
            return ConversationTexts.Info($"{MonitorOffText(monitor)} {keys}" + (team ? await ProvidersSayAsync(user, cancellationToken).ConfigureAwait(false) : ""));
        }

        var overview = await monitor!.GetOverviewAsync(cancellationToken).ConfigureAwait(false);
        if (!team)
        {
            return ConversationTexts.Refusal(MonitorTexts.StatusSummary(overview) + "\n" + MonitorTexts.TeamOnly(user.Platform, "Target names and details"));
        }

        var ordered = MonitorTexts.Ordered(overview.Targets);
        var image = await ChartAsync(ordered, overview.Now, cancellationToken).ConfigureAwait(false);
        return new Reply
        {
            Kind = ReplyKind.Info,
            Visibility = message.IsPrivate ? ReplyVisibility.Private : ReplyVisibility.Public,
            Text = MonitorTexts.Status(ordered, overview.Now) + await ProvidersSayAsync(user, cancellationToken).ConfigureAwait(false),
            Image = image,
        };
    }

    /// <summary>Draws the chart off the caller's thread; a failure or a slow drawing just leaves the picture out.</summary>
    private async Task<ReplyImage?> ChartAsync(IReadOnlyList<TargetStatus> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => StatusChart.Render(targets, now), cancellationToken)
                .WaitAsync(ChartDeadline, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Drawing may fail in many ways (a missing native library, fonts): the text stands alone.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ChartFailed(logger, ex);
            return null;
        }
    }

    /// <summary>Each team key provider's own status page, beside the team's keys ("" when none is on).</summary>
    private Task<string> ProvidersSayAsync(ChatUser user, CancellationToken cancellationToken) =>
        statusPages is null || teamKeys.All.Count == 0
            ? Task.FromResult("")
            : ProviderStatusLines.DescribeAsync(statusPages, teamKeys.All.Select(k => k.Provider), user.Platform == ChatPlatform.Discord, cancellationToken);

    private async Task<Reply> AlertsAsync(IncomingMessage message, ChatCommand command, CancellationToken cancellationToken)
    {
        if (command.Problem is not null || command.Alert is not { } action)
        {
            return ConversationTexts.Help(command.Problem, MonitorTexts.AlertsHelp);
        }

        var user = message.User;
        if (!access.MayManageAlerts(user))
        {
            return ConversationTexts.Refusal(MonitorTexts.TeamOnly(user.Platform, "Alerts"));
        }

        if (!MonitorOn)
        {
            return ConversationTexts.Info(MonitorOffText(monitor));
        }

        var visibility = message.IsPrivate ? ReplyVisibility.Private : ReplyVisibility.Public;
        var here = message.Place?.AlertDestination(user.Platform);
        var by = user.LimiterKey;
        Log.AlertCommand(logger, user.Platform, action);
        switch (action)
        {
            case AlertAction.List:
                var overview = await monitor!.GetOverviewAsync(cancellationToken).ConfigureAwait(false);
                return ConversationTexts.Info(MonitorTexts.List(overview, here));

            case AlertAction.Mute or AlertAction.Unmute:
                var duration = action == AlertAction.Mute ? command.Duration!.Value : TimeSpan.Zero;
                var change = await monitor!.MuteAsync(command.Target!, duration, by, cancellationToken).ConfigureAwait(false);
                return change.TargetFound
                    ? ConversationTexts.Info(MonitorTexts.Muted(command.Target!, change.Until, duration, timeProvider.GetUtcNow()), visibility)
                    : ConversationTexts.Info(MonitorTexts.UnknownTarget(command.Target!, change.KnownTargets));

            case AlertAction.Subscribe or AlertAction.Unsubscribe or AlertAction.Test when here is null:
                return ConversationTexts.Info(MonitorTexts.NoPlace(action));

            case AlertAction.Subscribe:
                var added = await monitor!.SubscribeAsync(here!, by, cancellationToken).ConfigureAwait(false);
                return ConversationTexts.Info(MonitorTexts.Subscribed(added), added.Outcome == SubscriptionOutcome.Added ? visibility : ReplyVisibility.Private);

            case AlertAction.Unsubscribe:
                var removed = await monitor!.UnsubscribeAsync(here!, cancellationToken).ConfigureAwait(false);
                return ConversationTexts.Info(MonitorTexts.Unsubscribed(removed), removed.Outcome == SubscriptionOutcome.Removed ? visibility : ReplyVisibility.Private);

            default:
                var queued = await monitor!.SendTestAlertAsync(here!, by, cancellationToken).ConfigureAwait(false);
                return ConversationTexts.Info(MonitorTexts.TestQueued(queued));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Error, "The monitor failed to answer {Command} {Action}.")]
        public static partial void MonitorFailed(ILogger logger, Exception exception, CommandKind command, AlertAction? action);

        [LoggerMessage(21, LogLevel.Warning, "The /status chart could not be drawn; the reply goes without it.")]
        public static partial void ChartFailed(ILogger logger, Exception exception);

        [LoggerMessage(22, LogLevel.Information, "Alerts {Action} by a user on {Platform}.")]
        public static partial void AlertCommand(ILogger logger, ChatPlatform platform, AlertAction action);
    }
}
