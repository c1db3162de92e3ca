using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Cli;

/// <summary>
/// The terminal's reply sink: a line when a diagnosis starts, a line per stage as it ends, then the whole answer in
/// plain text. Replies arrive already scrubbed of secrets.
/// </summary>
internal sealed class ConsoleReplySink(TextWriter output) : IReplySink
{
    private readonly HashSet<(int Row, int Stage)> _shown = [];

    /// <summary>The buttons of the last answer: typing a button's name in the REPL presses it.</summary>
    public IReadOnlyList<ReplyButton> Buttons { get; private set; } = [];

    public async Task SendAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Kind == ReplyKind.Progress && reply.Checklist is { } checklist)
        {
            _shown.Clear();
            var what = string.Join(", ", checklist.Rows.Select(r => r.KeyLabel is null ? Wire(r) : $"{Wire(r)} ({r.KeyLabel})"));
            await output.WriteLineAsync($"Diagnosing {what}…").ConfigureAwait(false);
            await ShowStagesAsync(checklist).ConfigureAwait(false);
            return;
        }

        await WriteAsync(reply).ConfigureAwait(false);
    }

    public Task UpdateAsync(Reply reply, CancellationToken cancellationToken) =>
        reply.Checklist is { } checklist ? ShowStagesAsync(checklist) : Task.CompletedTask;

    public async Task FinishAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Checklist is { } checklist)
        {
            await ShowStagesAsync(checklist).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await WriteAsync(reply).ConfigureAwait(false);
    }

    /// <summary>Nothing to delete in a terminal: keys typed here are private.</summary>
    public Task<bool> DeleteOriginalAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>The terminal is private already, so "Enter key privately" is left out; other buttons are typed.</summary>
    private async Task WriteAsync(Reply reply)
    {
        Buttons = [.. reply.Buttons.Where(b => b.Action != ReplyButtonAction.EnterKey)];
        await output.WriteAsync(PlainTextRenderer.Render(reply with { Buttons = [] })).ConfigureAwait(false);
        if (Buttons.Count > 0)
        {
            await output.WriteLineAsync($"(type {string.Join(" or ", Buttons.Select(b => b.Label.ToLowerInvariant()))} for more)").ConfigureAwait(false);
        }
    }

    private static string Wire(ChecklistRow row) => row.Provider.Name;

    private async Task ShowStagesAsync(ChecklistSnapshot checklist)
    {
        for (var r = 0; r < checklist.Rows.Count; r++)
        {
            var row = checklist.Rows[r];
            for (var s = 0; s < row.Stages.Count; s++)
            {
                var stage = row.Stages[s];
                if (stage.State is not StageState.Pending and not StageState.Running && _shown.Add((r, s)))
                {
                    await output.WriteLineAsync($"  {stage.Mark} {Wire(row)}: {stage.Label}").ConfigureAwait(false);
                }
            }
        }
    }
}
