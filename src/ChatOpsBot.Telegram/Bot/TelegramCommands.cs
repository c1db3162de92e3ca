using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>The bot's command menu (setMyCommands), one list per language; descriptions are kept short (Telegram allows 256).</summary>
public static class TelegramCommands
{
    public const string Start = "start";
    public const string Help = "help";
    public const string Diagnose = "diagnose";
    public const string Status = "status";
    public const string Keys = "keys";

    /// <summary>Language code (2 letters; "" = the default list for every language) → commands.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<BotCommand>> ByLanguage { get; } = new Dictionary<string, IReadOnlyList<BotCommand>>
    {
        [""] =
        [
            Command(Start, "Start the bot"),
            Command(Help, "How to use the bot"),
            Command(Diagnose, "Diagnose a key: /diagnose <provider> [model]"),
            Command(Status, "Provider and monitor status"),
            Command(Keys, "Stored keys (shown masked)"),
        ],
        ["de"] =
        [
            Command(Start, "Bot starten"),
            Command(Help, "Hilfe zum Bot"),
            Command(Diagnose, "Schlüssel prüfen: /diagnose <provider> [model]"),
            Command(Status, "Status der Anbieter und Monitore"),
            Command(Keys, "Gespeicherte Schlüssel (maskiert)"),
        ],
        ["ru"] =
        [
            Command(Start, "Запустить бота"),
            Command(Help, "Как пользоваться ботом"),
            Command(Diagnose, "Проверить ключ: /diagnose <provider> [model]"),
            Command(Status, "Статус провайдеров и мониторов"),
            Command(Keys, "Сохранённые ключи (маскированы)"),
        ],
    };

    private static BotCommand Command(string command, string description) => new() { Command = command, Description = description };
}
