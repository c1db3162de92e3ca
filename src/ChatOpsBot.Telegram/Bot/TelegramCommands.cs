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
    public const string Alerts = "alerts";

    /// <summary>Language code (2 letters; "" = the default list for every language) → commands.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<BotCommand>> ByLanguage { get; } = new Dictionary<string, IReadOnlyList<BotCommand>>
    {
        [""] =
        [
            Command(Start, "Start the bot"),
            Command(Help, "How to use the bot"),
            Command(Diagnose, "Diagnose a key: /diagnose <provider> [model]"),
            Command(Status, "Monitored keys: state, last 24 hours, chart"),
            Command(Keys, "Stored keys (shown masked)"),
            Command(Alerts, "Alerts: /alerts list | subscribe | unsubscribe | mute <key> 2h | test"),
        ],
        ["de"] =
        [
            Command(Start, "Bot starten"),
            Command(Help, "Hilfe zum Bot"),
            Command(Diagnose, "Schlüssel prüfen: /diagnose <provider> [model]"),
            Command(Status, "Überwachte Schlüssel: Zustand, 24 Stunden, Diagramm"),
            Command(Keys, "Gespeicherte Schlüssel (maskiert)"),
            Command(Alerts, "Alarme: /alerts list | subscribe | unsubscribe | mute <key> 2h | test"),
        ],
        ["ru"] =
        [
            Command(Start, "Запустить бота"),
            Command(Help, "Как пользоваться ботом"),
            Command(Diagnose, "Проверить ключ: /diagnose <provider> [model]"),
            Command(Status, "Отслеживаемые ключи: состояние, 24 часа, график"),
            Command(Keys, "Сохранённые ключи (маскированы)"),
            Command(Alerts, "Оповещения: /alerts list | subscribe | unsubscribe | mute <key> 2h | test"),
        ],
    };

    private static BotCommand Command(string command, string description) => new() { Command = command, Description = description };
}
