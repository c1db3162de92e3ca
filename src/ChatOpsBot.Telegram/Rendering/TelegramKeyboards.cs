using System.Text;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsBot.Telegram.Rendering;

/// <summary>Inline keyboards and their callback data (at most 64 bytes of UTF-8, as Telegram requires).</summary>
public static class TelegramKeyboards
{
    /// <summary>Telegram's limit on callback_data, in bytes.</summary>
    public const int MaxCallbackDataBytes = 64;

    /// <summary>Callback action: run the same diagnosis again.</summary>
    public const string RerunAction = "rerun";

    /// <summary>Callback action: show the full report.</summary>
    public const string DetailsAction = "details";

    /// <summary><c>action:id</c>; throws when it would not fit in 64 bytes (ids are ours: short and stable).</summary>
    public static string CallbackData(string action, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (action.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("An action must not contain ':'.", nameof(action));
        }

        var data = action + ":" + id;
        var bytes = Encoding.UTF8.GetByteCount(data);
        return bytes <= MaxCallbackDataBytes
            ? data
            : throw new ArgumentException($"Callback data is {bytes} bytes; Telegram allows {MaxCallbackDataBytes}.", nameof(id));
    }

    /// <summary>Splits callback data made by <see cref="CallbackData"/> back into action and id.</summary>
    public static bool TryParseCallbackData(string? data, out string action, out string id)
    {
        var colon = data?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == data!.Length - 1)
        {
            action = id = string.Empty;
            return false;
        }

        action = data[..colon];
        id = data[(colon + 1)..];
        return true;
    }

    /// <summary>One row: "Re-run" and "Details" for the diagnosis <paramref name="diagnosisId"/>.</summary>
    public static InlineKeyboardMarkup RerunAndDetails(string diagnosisId, string rerunLabel = "🔁 Re-run", string detailsLabel = "📄 Details") =>
        new(new[]
        {
            new[]
            {
                InlineKeyboardButton.WithCallbackData(rerunLabel, CallbackData(RerunAction, diagnosisId)),
                InlineKeyboardButton.WithCallbackData(detailsLabel, CallbackData(DetailsAction, diagnosisId)),
            },
        });
}
