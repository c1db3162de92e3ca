using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Testing.Telegram;

public sealed partial class FakeTelegramServer
{
    private static readonly HashSet<string> ChatActions =
    [
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
        "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    ];

    private static readonly HashSet<string> CommandScopes =
        ["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"];

    private readonly Dictionary<(long Chat, int Message), StoredMessage> _messages = [];
    private readonly Dictionary<long, int> _lastMessageId = [];
    private readonly Dictionary<long, long> _migrated = [];
    private readonly Dictionary<long, (bool Admin, bool CanDelete)> _botRights = [];
    private readonly Dictionary<string, bool> _callbackQueries = [];
    private readonly Dictionary<string, JsonArray> _commands = [];

    /// <summary>A message as the fake keeps it: the plain text after entity parsing, and what was sent.</summary>
    public sealed record StoredMessage(long ChatId, int MessageId, bool FromBot, string Text, string? RawText, string? ParseMode, string? Markup, bool Deleted = false);

    /// <summary>The bot's own messages in <paramref name="chatId"/> (after edits; deleted ones left out).</summary>
    public IReadOnlyList<StoredMessage> MessagesIn(long chatId)
    {
        lock (_gate)
        {
            return [.. _messages.Values.Where(m => m.ChatId == chatId && m.FromBot && !m.Deleted).OrderBy(m => m.MessageId)];
        }
    }

    /// <summary>Whether message <paramref name="messageId"/> of <paramref name="chatId"/> was deleted.</summary>
    public bool IsDeleted(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _messages.TryGetValue((chatId, messageId), out var m) && m.Deleted;
        }
    }

    /// <summary>The commands set for a scope type (and language, "" for none).</summary>
    public JsonArray? CommandsFor(string scopeType, string languageCode = "")
    {
        lock (_gate)
        {
            return _commands.TryGetValue(scopeType + "/" + languageCode, out var list) ? (JsonArray)list.DeepClone() : null;
        }
    }

    /// <summary>Makes the bot an administrator of <paramref name="chatId"/> (or not), with or without can_delete_messages.</summary>
    public void SetBotRights(long chatId, bool admin, bool canDeleteMessages)
    {
        lock (_gate)
        {
            _botRights[chatId] = (admin, canDeleteMessages);
        }
    }

    private Answer SendMessage(JsonObject p)
    {
        lock (_gate)
        {
            if (ResolveChat(p, out var chatId) is { } error)
            {
                return error;
            }

            var text = ReadString(p["text"]);
            if (CheckText(text, ReadString(p["parse_mode"]), out var plain) is { } invalid)
            {
                return invalid;
            }

            if (CheckMarkup(p["reply_markup"]) is { } badMarkup)
            {
                return badMarkup;
            }

            var id = NextMessageId(chatId);
            var stored = new StoredMessage(chatId, id, true, plain, text, ReadString(p["parse_mode"]), p["reply_markup"]?.ToJsonString());
            _messages[(chatId, id)] = stored;
            var message = Message(ChatFor(chatId), id, BotUser(), plain);
            if (p["reply_markup"] is JsonObject markup)
            {
                message["reply_markup"] = markup.DeepClone();
            }

            return Answer.Success(message);
        }
    }

    private Answer EditMessageText(JsonObject p)
    {
        lock (_gate)
        {
            if (ResolveChat(p, out var chatId) is { } error)
            {
                return error;
            }

            var messageId = (int)(ReadLong(p["message_id"]) ?? 0);
            var text = ReadString(p["text"]);
            if (CheckText(text, ReadString(p["parse_mode"]), out var plain) is { } invalid)
            {
                return invalid;
            }

            if (CheckMarkup(p["reply_markup"]) is { } badMarkup)
            {
                return badMarkup;
            }

            if (!_messages.TryGetValue((chatId, messageId), out var stored) || stored.Deleted)
            {
                return Answer.BadRequest("message to edit not found");
            }

            if (!stored.FromBot)
            {
                return Answer.BadRequest("message can't be edited");
            }

            var markup = p["reply_markup"]?.ToJsonString();
            if (stored.Text == plain && stored.RawText == text && stored.Markup == markup)
            {
                return Answer.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
            }

            _messages[(chatId, messageId)] = stored with { Text = plain, RawText = text, ParseMode = ReadString(p["parse_mode"]), Markup = markup };
            var message = Message(ChatFor(chatId), messageId, BotUser(), plain);
            message["edit_date"] = Now();
            if (p["reply_markup"] is JsonObject keyboard)
            {
                message["reply_markup"] = keyboard.DeepClone();
            }

            return Answer.Success(message);
        }
    }

    private Answer DeleteMessage(JsonObject p)
    {
        lock (_gate)
        {
            if (ResolveChat(p, out var chatId) is { } error)
            {
                return error;
            }

            var messageId = (int)(ReadLong(p["message_id"]) ?? 0);
            if (!_messages.TryGetValue((chatId, messageId), out var stored) || stored.Deleted)
            {
                return Answer.BadRequest("message to delete not found");
            }

            // Bots delete their own messages anywhere and incoming ones in private chats; in a basic group an
            // admin bot deletes anything; in a supergroup it needs can_delete_messages.
            var allowed = stored.FromBot || chatId > 0 || (_botRights.TryGetValue(chatId, out var rights)
                && rights.Admin && (rights.CanDelete || GroupType(chatId) == "group"));
            if (!allowed)
            {
                return Answer.BadRequest("message can't be deleted");
            }

            _messages[(chatId, messageId)] = stored with { Deleted = true };
            return Answer.Success(true);
        }
    }

    private Answer AnswerCallbackQuery(JsonObject p)
    {
        lock (_gate)
        {
            var id = ReadString(p["callback_query_id"]);
            if (id is null || !_callbackQueries.TryGetValue(id, out var answered) || answered)
            {
                return Answer.BadRequest("query is too old and response timeout expired or query ID is invalid");
            }

            if (ReadString(p["text"]) is { Length: > 200 })
            {
                return Answer.BadRequest("MESSAGE_TOO_LONG");
            }

            _callbackQueries[id] = true;
            return Answer.Success(true);
        }
    }

    private Answer GetChatMember(JsonObject p)
    {
        lock (_gate)
        {
            if (ResolveChat(p, out var chatId) is { } error)
            {
                return error;
            }

            var userId = ReadLong(p["user_id"]) ?? 0;
            if (userId == BotId && _botRights.TryGetValue(chatId, out var rights) && rights.Admin)
            {
                return Answer.Success(new JsonObject
                {
                    ["status"] = "administrator", ["user"] = BotUser(), ["can_be_edited"] = false, ["is_anonymous"] = false,
                    ["can_manage_chat"] = true, ["can_delete_messages"] = rights.CanDelete, ["can_manage_video_chats"] = true,
                    ["can_restrict_members"] = true, ["can_promote_members"] = false, ["can_change_info"] = true,
                    ["can_invite_users"] = true, ["can_post_stories"] = false, ["can_edit_stories"] = false,
                    ["can_delete_stories"] = false, ["can_pin_messages"] = true,
                });
            }

            return Answer.Success(new JsonObject { ["status"] = "member", ["user"] = userId == BotId ? BotUser() : User(userId, "User") });
        }
    }

    private Answer SendChatAction(JsonObject p)
    {
        lock (_gate)
        {
            if (ResolveChat(p, out _) is { } error)
            {
                return error;
            }
        }

        return ReadString(p["action"]) is { } action && ChatActions.Contains(action)
            ? Answer.Success(true)
            : Answer.BadRequest("wrong parameter action in request");
    }

    private Answer SetMyCommands(JsonObject p)
    {
        if (p["commands"] is not JsonArray commands || commands.Count > 100)
        {
            return Answer.BadRequest("parameter \"commands\" is required");
        }

        foreach (var command in commands)
        {
            var name = ReadString(command?["command"]);
            var description = ReadString(command?["description"]);
            if (name is null || !CommandRegex().IsMatch(name))
            {
                return Answer.BadRequest("BOT_COMMAND_INVALID");
            }

            if (description is null || description.Trim().Length is 0 or > 256)
            {
                return Answer.BadRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }

        if (ScopeKey(p, out var key) is { } bad)
        {
            return bad;
        }

        lock (_gate)
        {
            _commands[key] = (JsonArray)commands.DeepClone();
        }

        return Answer.Success(true);
    }

    private Answer GetMyCommands(JsonObject p)
    {
        if (ScopeKey(p, out var key) is { } bad)
        {
            return bad;
        }

        lock (_gate)
        {
            return Answer.Success(_commands.TryGetValue(key, out var list) ? list.DeepClone() : new JsonArray());
        }
    }

    private Answer DeleteMyCommands(JsonObject p)
    {
        if (ScopeKey(p, out var key) is { } bad)
        {
            return bad;
        }

        lock (_gate)
        {
            _commands.Remove(key);
        }

        return Answer.Success(true);
    }

    private static Answer? ScopeKey(JsonObject p, out string key)
    {
        var scope = ReadString(p["scope"]?["type"]) ?? "default";
        var language = ReadString(p["language_code"]) ?? "";
        key = scope + "/" + language;
        if (!CommandScopes.Contains(scope))
        {
            return Answer.BadRequest("wrong parameter scope in request");
        }

        return language.Length is 0 or 2 && language.All(char.IsAsciiLetterLower) ? null : Answer.BadRequest("LANG_CODE_INVALID");
    }

    /// <summary>Checks chat_id: a number (or numeric string), not a group that became a supergroup.</summary>
    private Answer? ResolveChat(JsonObject p, out long chatId)
    {
        chatId = ReadLong(p["chat_id"]) ?? 0;
        if (CheckChat(p, ref chatId) is { } refused)
        {
            return refused;
        }

        if (chatId == 0)
        {
            return Answer.BadRequest("chat not found");
        }

        return _migrated.TryGetValue(chatId, out var moved)
            ? Answer.Fail(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: moved)
            : null;
    }

    /// <summary>Text checks as Telegram does them: entities parsed per parse_mode, then 1–4096 characters.</summary>
    private static Answer? CheckText(string? text, string? parseMode, out string plain)
    {
        plain = text ?? "";
        if (string.IsNullOrEmpty(text))
        {
            return Answer.BadRequest("message text is empty");
        }

        if (parseMode is not null)
        {
            if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase))
            {
                if (!TelegramHtmlParser.TryParse(text, out plain, out var problem))
                {
                    return Answer.BadRequest("can't parse entities: " + problem);
                }
            }
            else if (!string.Equals(parseMode, "markdownv2", StringComparison.OrdinalIgnoreCase)
                     && !string.Equals(parseMode, "markdown", StringComparison.OrdinalIgnoreCase))
            {
                return Answer.BadRequest("unsupported parse_mode");
            }
        }

        if (plain.Trim().Length == 0)
        {
            return Answer.BadRequest("message text is empty");
        }

        return plain.Length > 4096 ? Answer.BadRequest("message is too long") : null;
    }

    private static Answer? CheckMarkup(JsonNode? markup)
    {
        if (markup is null)
        {
            return null;
        }

        if (markup["inline_keyboard"] is not JsonArray rows)
        {
            return markup is JsonObject ? null : Answer.BadRequest("can't parse reply keyboard markup JSON object");
        }

        foreach (var row in rows)
        {
            foreach (var button in row as JsonArray ?? [])
            {
                if (string.IsNullOrEmpty(ReadString(button?["text"])))
                {
                    return Answer.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                }

                if (ReadString(button?["callback_data"]) is { } data && Encoding.UTF8.GetByteCount(data) is 0 or > 64)
                {
                    return Answer.BadRequest("BUTTON_DATA_INVALID");
                }
            }
        }

        return null;
    }

    private int NextMessageId(long chatId)
    {
        var id = _lastMessageId.TryGetValue(chatId, out var last) ? last + 1 : 1;
        _lastMessageId[chatId] = id;
        return id;
    }

    private JsonObject IncomingMessage(JsonObject chat, long userId, string firstName, string? text)
    {
        lock (_gate)
        {
            var chatId = ReadLong(chat["id"])!.Value;
            var id = NextMessageId(chatId);
            _messages[(chatId, id)] = new StoredMessage(chatId, id, false, text ?? "", text, null, null);
            return Message(chat, id, User(userId, firstName), text);
        }
    }

    private JsonObject Message(JsonObject chat, int messageId, JsonObject from, string? text)
    {
        var message = new JsonObject { ["message_id"] = messageId, ["from"] = from, ["chat"] = chat, ["date"] = Now() };
        if (text is not null)
        {
            message["text"] = text;
            if (text.StartsWith('/'))
            {
                var length = text.IndexOfAny([' ', '\n']) is var end && end > 0 ? end : text.Length;
                message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
            }
        }

        return message;
    }

    private JsonObject BotUser() => new()
    {
        ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "ChatOps", ["username"] = BotUsername,
        ["can_join_groups"] = true, ["can_read_all_group_messages"] = false, ["supports_inline_queries"] = false,
    };

    private static JsonObject User(long id, string firstName) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = firstName };

    private static JsonObject PrivateChat(long id, string firstName) => new() { ["id"] = id, ["type"] = "private", ["first_name"] = firstName };

    private static JsonObject GroupChat(long id, string type, string title) => new() { ["id"] = id, ["type"] = type, ["title"] = title };

    private static string GroupType(long chatId) => chatId <= -1_000_000_000_000 ? "supergroup" : "group";

    private static JsonObject ChatFor(long chatId) => chatId > 0 ? PrivateChat(chatId, "User") : GroupChat(chatId, GroupType(chatId), "Team");

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandRegex();
}
