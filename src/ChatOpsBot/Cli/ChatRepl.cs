using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Cli;

/// <summary>
/// <c>chatopsbot chat</c>: the bot's conversation in a terminal, through the same <see cref="ConversationService"/>
/// the chat adapters use. The user is the operator (team keys allowed, no hourly limit), and everything typed here is
/// a private context, so keys may be pasted. Ends on <c>exit</c>, <c>quit</c> (or <c>/exit</c>, <c>/quit</c>) or end of input.
/// </summary>
public sealed class ChatRepl(ConversationService conversation, CliConsole console)
{
    public const string Banner = """
        ChatOpsBot chat: the bot's conversation, typed locally. You are the operator: the team's keys are yours,
        and a key you paste here stays on this machine. Try: help, keys, diagnose gemini, or paste a key.
        Type exit to leave.
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await console.Out.WriteLineAsync(Banner).ConfigureAwait(false);
        IReadOnlyList<ReplyButton> buttons = [];
        while (!cancellationToken.IsCancellationRequested)
        {
            await console.Out.WriteAsync("> ").ConfigureAwait(false);
            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                break;
            }

            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.TrimStart('/') is var word && (word.Equals("exit", StringComparison.OrdinalIgnoreCase) || word.Equals("quit", StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }

            var pressed = buttons.FirstOrDefault(b => string.Equals(b.Label.Replace("-", "", StringComparison.Ordinal), text.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            var message = new IncomingMessage { User = ChatUser.Operator, IsPrivate = true, Text = pressed is null ? line : null, ButtonId = pressed?.CustomId };
            var sink = new ConsoleReplySink(console.Out);
            await conversation.HandleAsync(message, sink, cancellationToken).ConfigureAwait(false);
            buttons = sink.Buttons.Count > 0 ? sink.Buttons : buttons;
            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return DiagnoseCommand.ExitOk;
    }
}
