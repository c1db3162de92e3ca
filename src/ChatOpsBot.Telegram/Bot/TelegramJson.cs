using System.Text.Json.Serialization.Metadata;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// The Bot API types we (de)serialise ourselves, with Telegram.Bot's own options (snake_case names, its converters).
/// <see cref="JsonBotAPI.Options"/> takes its metadata from Telegram.Bot's source-generated context when reflection is
/// off (the native build turns it off), so asking those options for a type's contract is safe without reflection.
/// </summary>
internal static class TelegramJson
{
    public static JsonTypeInfo<Update> Update { get; } = (JsonTypeInfo<Update>)JsonBotAPI.Options.GetTypeInfo(typeof(Update));

    public static JsonTypeInfo<InlineKeyboardMarkup> InlineKeyboardMarkup { get; } =
        (JsonTypeInfo<InlineKeyboardMarkup>)JsonBotAPI.Options.GetTypeInfo(typeof(InlineKeyboardMarkup));
}
