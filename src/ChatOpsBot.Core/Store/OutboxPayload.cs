using System.Text.Json;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Store;

/// <summary>An outbox row's payload: the alert <see cref="Reply"/> as JSON (<see cref="StoreJsonContext"/>).</summary>
internal static class OutboxPayload
{
    public static string Write(Reply alert) => JsonSerializer.Serialize(alert, StoreJsonContext.Default.Reply);

    /// <summary>The stored alert, or null when the row cannot be read. Rows of older versions are brought up to date.</summary>
    public static Reply? Read(string payload)
    {
        Reply? alert;
        try
        {
            alert = JsonSerializer.Deserialize(payload, StoreJsonContext.Default.Reply);
        }
        catch (JsonException)
        {
            return null;
        }

        // Before ReplyKind.AlertTest, a test alert was an Alert without cards whose text opened with the test line.
        return alert is { Kind: ReplyKind.Alert, Cards.Count: 0 } && alert.Text.StartsWith(AlertComposer.TestOpening, StringComparison.Ordinal)
            ? alert with { Kind = ReplyKind.AlertTest }
            : alert;
    }
}
