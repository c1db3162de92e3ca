using System.Text.RegularExpressions;
using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// Whether the answer to a structured command or a button press may be seen by the channel, decided before anything
/// slow (an adapter defers with it: Discord's ephemeral flag). Public only for a team-key diagnosis, <c>/status</c>,
/// an <c>/alerts</c> change, or a Re-run pressed on a public result, by someone on the team: a refusal, help, a list
/// of destinations or a user's own key is nobody else's business.
/// </summary>
public sealed partial class ReplyPrivacy(AccessPolicy access)
{
    /// <summary>The visibility of the answer to slash command <paramref name="name"/> with <paramref name="options"/>.</summary>
    public ReplyVisibility ForCommand(ChatUser user, string name, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        return (NamesTeamKeyOnly(name, options) || IsPublicMonitorCommand(name, options)) && access.MayUseTeamKeys(user)
            ? ReplyVisibility.Public
            : ReplyVisibility.Private;
    }

    /// <summary>
    /// The visibility of the answer to button <paramref name="buttonId"/>: Details are always private; a Re-run keeps
    /// the visibility of the reply it was pressed on (<paramref name="pressedOnPrivateReply"/>), for the team.
    /// </summary>
    public ReplyVisibility ForButton(ChatUser user, string buttonId, bool pressedOnPrivateReply)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(buttonId);
        return buttonId.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal) && !pressedOnPrivateReply && access.MayUseTeamKeys(user)
            ? ReplyVisibility.Public
            : ReplyVisibility.Private;
    }

    /// <summary>
    /// Public only for <c>/diagnose … key:&lt;team key name&gt;</c> with nothing key-shaped anywhere; anything else
    /// (help, status, unknown commands, a user's own key) is answered privately.
    /// </summary>
    internal static bool NamesTeamKeyOnly(string name, IReadOnlyDictionary<string, string> commandOptions)
    {
        if (!string.Equals(name, CommandIds.Diagnose, StringComparison.Ordinal)
            || !commandOptions.TryGetValue(CommandIds.KeyOption, out var key) || !TeamKeyName().IsMatch(key))
        {
            return false;
        }

        string[] known = [CommandIds.ProviderOption, CommandIds.ModelOption, CommandIds.DeepOption, CommandIds.KeyOption];
        return commandOptions.Keys.All(k => known.Contains(k, StringComparer.Ordinal))
            && KeyIntake.Scan(string.Join("\n", commandOptions.Values)).Keys.Count == 0;
    }

    /// <summary>
    /// <c>/status</c> and the <c>/alerts</c> changes a channel should see (subscribe, unsubscribe, mute, unmute), when
    /// well-formed; <c>/alerts list</c> and <c>test</c> (the test alert itself lands in the channel) are answered privately.
    /// </summary>
    internal static bool IsPublicMonitorCommand(string name, IReadOnlyDictionary<string, string> commandOptions)
    {
        if (KeyIntake.Scan(string.Join("\n", commandOptions.Values)).Keys.Count > 0)
        {
            return false; // a public answer would show the invocation, key included, to the channel
        }

        var command = CommandParser.Parse(name, commandOptions);
        return command.Kind == CommandKind.Status
            || (command.Kind == CommandKind.Alerts && command.Problem is null
                && command.Alert is AlertAction.Subscribe or AlertAction.Unsubscribe or AlertAction.Mute or AlertAction.Unmute);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex TeamKeyName();
}
