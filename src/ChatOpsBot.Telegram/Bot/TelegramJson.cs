using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// The Bot API types we (de)serialise ourselves, with Telegram.Bot's own options (snake_case names, its converters).
/// With JSON reflection off (the app and its native build), <see cref="JsonBotAPI.Options"/> takes its metadata from
/// Telegram.Bot's source-generated context. With reflection on (tests, tools), Telegram.Bot leaves the resolver unset
/// until the options are first used to serialise: asking them for a contract before that throws, and did when a
/// webhook update was read before the bot's first request. <see cref="Contract{T}"/> settles the options first.
/// </summary>
internal static class TelegramJson
{
    public static JsonTypeInfo<Update> Update { get; } = Contract<Update>(JsonBotAPI.Options);

    public static JsonTypeInfo<InlineKeyboardMarkup> InlineKeyboardMarkup { get; } = Contract<InlineKeyboardMarkup>(JsonBotAPI.Options);

    /// <summary><typeparamref name="T"/>'s contract in <paramref name="options"/>, whichever way JSON reflection is set.</summary>
    internal static JsonTypeInfo<T> Contract<T>(JsonSerializerOptions options)
    {
        if (options.TypeInfoResolver is null && !options.IsReadOnly)
        {
            UseReflectionResolver(options);
        }

        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only with JSON reflection on; the app turns it off, and Telegram.Bot then sets its source-generated resolver.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: never reached in the native build.")]
    private static void UseReflectionResolver(JsonSerializerOptions options) => options.MakeReadOnly(populateMissingResolver: true);
}
