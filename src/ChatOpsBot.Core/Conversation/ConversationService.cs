using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Intake;
using ChatOpsBot.Core.Revocation;
using ChatOpsBot.Diagnostics.Redaction;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// The one entry point adapters call: it takes an <see cref="IncomingMessage"/>, refuses keys posted where others can
/// see them, decides what the message asks for and hands it to the handler for that (<see cref="ConversationHandlers"/>).
/// A key posted in public is also revoked where <c>Revocation</c> is on (<see cref="LeakRevocation"/>), and that is
/// announced in the same place. Every reply goes out through an <see cref="IReplySink"/> that scrubs its texts of secrets. It logs ids and kinds,
/// never a user's text.
/// </summary>
public sealed partial class ConversationService(ConversationHandlers handlers, SecretScrubber scrubber, ILogger<ConversationService> logger, LeakRevocation? revocation = null)
{
    /// <summary>Handles one event; returns when the last reply has been handed to <paramref name="sink"/>.</summary>
    public async Task HandleAsync(IncomingMessage message, IReplySink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sink);
        var safe = new ScrubbingReplySink(sink, scrubber);
        if (message.ButtonId is { } button)
        {
            Log.Button(logger, message.User.Platform, button.StartsWith(CommandIds.RerunPrefix, StringComparison.Ordinal) ? "rerun"
                : button.StartsWith(CommandIds.DetailsPrefix, StringComparison.Ordinal) ? "details"
                : button.StartsWith(CommandIds.EnterKeyPrefix, StringComparison.Ordinal) ? "enter-key" : "unknown");
            await handlers.Buttons.HandleAsync(message, button, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.ModalId is { } modal)
        {
            await handlers.UserKeys.HandleModalAsync(message, modal, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        var text = message.Text ?? "";
        var all = message.Options.Count == 0 ? text : text + "\n" + string.Join("\n", message.Options.Values);
        var scan = KeyIntake.Scan(all);
        if (!message.IsPrivate && (scan.Keys.Count > 0 || LooksSecret(all) || (IsCommand(message) && SecretLike.AnyIn(all))))
        {
            Log.Exposure(logger, message.User.Platform, scan.Keys.Count);
            var deleted = await safe.DeleteOriginalAsync(cancellationToken).ConfigureAwait(false);
            await safe.SendAsync(ConversationTexts.Exposure(scan.Keys, deleted), cancellationToken).ConfigureAwait(false);
            if (revocation is { IsEnabled: true } && scan.Keys.Count > 0)
            {
                await revocation.HandleAsync(message, scan.Keys, safe, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var command = message.CommandName is { } name
            ? CommandParser.Parse(name, message.Options)
            : CommandParser.Parse(text, message.BotUsername);
        // Team key names are resolved only for the team: to anyone else a name that exists reads like one that does not.
        command = CommandParser.ResolveWords(command, n => handlers.TeamKeys.IsTeamKeyName(message.User, n));
        Log.Command(logger, message.User.Platform, command.Kind, message.IsPrivate);

        if (scan.Keys.Count > 0)
        {
            await handlers.UserKeys.DiagnoseAsync(message, command, scan, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!message.IsPrivate && !command.Slashed)
        {
            return; // chatter in a channel is not for us
        }

        if (command.Kind is CommandKind.Status or CommandKind.Alerts)
        {
            await handlers.Monitor.HandleAsync(message, command, safe, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reply = command.Kind switch
        {
            CommandKind.OtherBot => null,
            CommandKind.None when scan.MaskedForms.Count > 0 => null,
            CommandKind.None => ConversationTexts.Help("Send me a command, or a key to check (here, privately)."),
            CommandKind.Unknown => ConversationTexts.Help(command.Problem),
            CommandKind.Help => ConversationTexts.Help(),
            CommandKind.Keys => handlers.TeamKeys.Keys(message.User),
            _ => null,
        };
        if (reply is not null)
        {
            await safe.SendAsync(reply, cancellationToken).ConfigureAwait(false);
        }
        else if (command.Kind == CommandKind.Diagnose && command.Midjourney)
        {
            await handlers.Midjourney.HandleAsync(message, safe, cancellationToken).ConfigureAwait(false);
        }
        else if (command.Kind == CommandKind.Diagnose || (command.Kind == CommandKind.None && scan.MaskedForms.Count > 0))
        {
            await handlers.TeamKeys.DiagnoseAsync(message, command, scan.MaskedForms, safe, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Monitor target names for a platform's autocomplete (Discord's <c>/alerts mute target:</c>); see
    /// <see cref="Handlers.Monitor.MonitorHandler.SuggestTargetsAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<string>> SuggestTargetsAsync(ChatUser user, string? typed, int max, CancellationToken cancellationToken) =>
        handlers.Monitor.SuggestTargetsAsync(user, typed, max, cancellationToken);

    /// <summary>A command (a slash command's options, or a text starting with "/"), not channel chatter.</summary>
    private static bool IsCommand(IncomingMessage message) =>
        message.CommandName is not null || (message.Text?.TrimStart().StartsWith('/') ?? false);

    /// <summary>The scrubber's net under the intake: anything it would hide (a Bearer value, a key= parameter), masks aside.</summary>
    private bool LooksSecret(string text)
    {
        var normalized = KeyIntake.NormalizeMasks(text);
        return !string.Equals(scrubber.Scrub(normalized), normalized, StringComparison.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Handling {Command} from {Platform} (private: {IsPrivate}).")]
        public static partial void Command(ILogger logger, ChatPlatform platform, CommandKind command, bool isPrivate);

        [LoggerMessage(2, LogLevel.Debug, "Handling button {Button} from {Platform}.")]
        public static partial void Button(ILogger logger, ChatPlatform platform, string button);

        [LoggerMessage(3, LogLevel.Information, "A message on {Platform} held {Count} key-shaped secrets in public: asking to delete it.")]
        public static partial void Exposure(ILogger logger, ChatPlatform platform, int count);
    }
}
