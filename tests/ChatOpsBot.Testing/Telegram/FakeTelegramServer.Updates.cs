using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Telegram;

public sealed partial class FakeTelegramServer
{
    /// <summary>Update types delivered when the bot never said (Telegram's default leaves these out).</summary>
    private static readonly string[] NotByDefault = ["chat_member", "message_reaction", "message_reaction_count"];

    private readonly List<JsonObject> _pending = [];
    private int _nextUpdateId = 1000;
    private HashSet<string>? _allowedUpdates;
    private Poll? _activePoll;
    private string? _webhookUrl;
    private string? _webhookSecret;

    /// <summary>The webhook URL set with setWebhook, or null.</summary>
    public string? WebhookUrl
    {
        get
        {
            lock (_gate)
            {
                return _webhookUrl;
            }
        }
    }

    /// <summary>Updates queued and not yet confirmed.</summary>
    public IReadOnlyList<int> PendingUpdateIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending.Select(u => (int)ReadLong(u["update_id"])!)];
            }
        }
    }

    /// <summary>Queues an update (its <c>update_id</c> is assigned) and wakes a held getUpdates. Returns the update_id.</summary>
    public int EnqueueUpdate(string type, JsonObject payload)
    {
        lock (_gate)
        {
            var id = _nextUpdateId++;
            var update = new JsonObject { ["update_id"] = id, [type] = payload };
            _pending.Add(update);
            _activePoll?.Arrived.TrySetResult();
            return id;
        }
    }

    /// <summary>A text message in the bot's private chat with <paramref name="userId"/>.</summary>
    public int EnqueuePrivateMessage(long userId, string text, string firstName = "User") =>
        EnqueueUpdate("message", IncomingMessage(PrivateChat(userId, firstName), userId, firstName, text));

    /// <summary>A text message in a group (<paramref name="chatType"/> "group" or "supergroup").</summary>
    public int EnqueueGroupMessage(long chatId, long userId, string text, string chatType = "group", string title = "Team") =>
        EnqueueUpdate("message", IncomingMessage(GroupChat(chatId, chatType, title), userId, "User", text));

    /// <summary>An edited text message.</summary>
    public int EnqueueEditedMessage(long chatId, int messageId, long userId, string text)
    {
        var chat = chatId > 0 ? PrivateChat(chatId, "User") : GroupChat(chatId, GroupType(chatId), "Team");
        var message = Message(chat, messageId, User(userId, "User"), text);
        message["edit_date"] = Now();
        return EnqueueUpdate("edited_message", message);
    }

    /// <summary>A press on an inline button of the bot's message <paramref name="messageId"/>. Returns the update_id; the query id is <c>"cq&lt;update_id&gt;"</c>.</summary>
    public int EnqueueCallbackQuery(long chatId, long userId, int messageId, string data)
    {
        lock (_gate)
        {
            var id = _nextUpdateId;
            var chat = chatId > 0 ? PrivateChat(chatId, "User") : GroupChat(chatId, GroupType(chatId), "Team");
            var original = _messages.TryGetValue((chatId, messageId), out var stored) ? stored.Text : "";
            var query = new JsonObject
            {
                ["id"] = "cq" + id,
                ["from"] = User(userId, "User"),
                ["message"] = Message(chat, messageId, BotUser(), original),
                ["chat_instance"] = "ci" + chatId,
                ["data"] = data,
            };
            _callbackQueries[(string)query["id"]!] = false;
            return EnqueueUpdate("callback_query", query);
        }
    }

    /// <summary>A sticker (no text) in a chat.</summary>
    public int EnqueueSticker(long chatId, long userId)
    {
        var message = IncomingMessage(chatId > 0 ? PrivateChat(chatId, "User") : GroupChat(chatId, GroupType(chatId), "Team"), userId, "User", null);
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "CAACAgIAAxkBAAI", ["file_unique_id"] = "AgADx", ["type"] = "regular",
            ["width"] = 512, ["height"] = 512, ["is_animated"] = false, ["is_video"] = false, ["emoji"] = "👍",
        };
        return EnqueueUpdate("message", message);
    }

    /// <summary>A photo with a caption (a key pasted there must be treated like text).</summary>
    public int EnqueuePhoto(long chatId, long userId, string? caption)
    {
        var message = IncomingMessage(chatId > 0 ? PrivateChat(chatId, "User") : GroupChat(chatId, GroupType(chatId), "Team"), userId, "User", null);
        message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "AgACAgIAAxkBAAI", ["file_unique_id"] = "AQADx", ["width"] = 90, ["height"] = 90 });
        if (caption is not null)
        {
            message["caption"] = caption;
        }

        return EnqueueUpdate("message", message);
    }

    /// <summary>The bot was added to (or removed from) a chat.</summary>
    public int EnqueueMyChatMember(long chatId, long userId, string newStatus)
    {
        var member = new JsonObject
        {
            ["chat"] = GroupChat(chatId, GroupType(chatId), "Team"),
            ["from"] = User(userId, "User"),
            ["date"] = Now(),
            ["old_chat_member"] = new JsonObject { ["status"] = "left", ["user"] = BotUser() },
            ["new_chat_member"] = new JsonObject { ["status"] = newStatus, ["user"] = BotUser() },
        };
        return EnqueueUpdate("my_chat_member", member);
    }

    /// <summary>
    /// The group <paramref name="oldChatId"/> becomes supergroup <paramref name="newChatId"/>: sends to the old id now
    /// fail with 400 and migrate_to_chat_id, and the service message is queued as an update. Returns its update_id.
    /// </summary>
    public int MigrateGroup(long oldChatId, long newChatId)
    {
        lock (_gate)
        {
            _migrated[oldChatId] = newChatId;
            var message = Message(GroupChat(oldChatId, "group", "Team"), NextMessageId(oldChatId), User(1, "Admin"), null);
            message["migrate_to_chat_id"] = newChatId;
            return EnqueueUpdate("message", message);
        }
    }

    /// <summary>
    /// Delivers every pending update to <paramref name="endpoint"/> the way Telegram does (POST, JSON, the secret in
    /// <c>X-Telegram-Bot-Api-Secret-Token</c> when one was set, or <paramref name="secretOverride"/>); an update
    /// answered 2xx is confirmed. Returns the statuses in order.
    /// </summary>
    public async Task<IReadOnlyList<int>> DeliverToWebhookAsync(HttpClient http, Uri endpoint, string? secretOverride = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        List<JsonObject> pending;
        string? secret;
        lock (_gate)
        {
            pending = [.. _pending];
            secret = secretOverride ?? _webhookSecret;
        }

        var statuses = new List<int>();
        foreach (var update in pending)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new StringContent(update.ToJsonString(JsonOptions), Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (secret is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", secret);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                lock (_gate)
                {
                    _pending.Remove(update);
                }
            }
        }

        return statuses;
    }

    private async Task<Answer> GetUpdatesAsync(TelegramCall call, CancellationToken cancellationToken)
    {
        var parameters = call.Parameters;
        var offset = ReadLong(parameters["offset"]) ?? 0;
        var limit = (int)Math.Clamp(ReadLong(parameters["limit"]) ?? 100, 1, 100);
        var timeout = Math.Max(0, ReadLong(parameters["timeout"]) ?? 0);
        Poll poll;
        lock (_gate)
        {
            if (_webhookUrl is not null)
            {
                return Answer.Fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            if (parameters["allowed_updates"] is JsonArray allowed)
            {
                _allowedUpdates = [.. allowed.Select(ReadString).OfType<string>()];
            }

            Confirm(offset);
            var ready = Ready(offset, limit);
            if (ready.Count > 0 || timeout == 0)
            {
                return Answer.Success(new JsonArray([.. ready.Select(u => u.DeepClone())]));
            }

            // Only one getUpdates at a time: the newer request wins, the one held before it ends with 409.
            _activePoll?.Conflict.TrySetResult();
            poll = new Poll();
            _activePoll = poll;
        }

        try
        {
            var timer = Task.Delay(TimeSpan.FromSeconds(timeout), _timeProvider, cancellationToken);
            call.Held = true; // the timer is set: moving the clock by the timeout now ends the hold
            Notify(call);
            var done = await Task.WhenAny(poll.Arrived.Task, poll.Conflict.Task, timer);
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (done == poll.Conflict.Task)
                {
                    return Answer.Fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }

                return Answer.Success(new JsonArray([.. Ready(offset, limit).Select(u => u.DeepClone())]));
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_activePoll == poll)
                {
                    _activePoll = null;
                }
            }
        }
    }

    private void ConfirmOnArrival(JsonObject parameters)
    {
        lock (_gate)
        {
            if (_webhookUrl is null)
            {
                Confirm(ReadLong(parameters["offset"]) ?? 0);
            }
        }
    }

    /// <summary>Forgets confirmed updates: those below a positive offset, or all but the last N for offset -N.</summary>
    private void Confirm(long offset)
    {
        if (offset > 0)
        {
            _pending.RemoveAll(u => ReadLong(u["update_id"]) < offset);
        }
        else if (offset < 0 && _pending.Count > -offset)
        {
            _pending.RemoveRange(0, _pending.Count - (int)-offset);
        }
    }

    private List<JsonObject> Ready(long offset, int limit)
    {
        // An update of a type the bot did not ask for is never delivered: Telegram drops it.
        _pending.RemoveAll(u => !IsAllowed(u));
        return [.. _pending.Where(u => ReadLong(u["update_id"]) >= offset).Take(limit)];
    }

    private bool IsAllowed(JsonObject update)
    {
        var type = update.Select(p => p.Key).First(k => k != "update_id");
        return _allowedUpdates is null || _allowedUpdates.Count == 0
            ? !NotByDefault.Contains(type)
            : _allowedUpdates.Contains(type);
    }

    private Answer SetWebhook(JsonObject parameters)
    {
        var url = ReadString(parameters["url"]);
        if (string.IsNullOrEmpty(url))
        {
            return DeleteWebhook(parameters);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return Answer.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }

        if (uri.Port is not (443 or 80 or 88 or 8443))
        {
            return Answer.BadRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
        }

        var secret = ReadString(parameters["secret_token"]);
        if (secret is not null && (secret.Length is 0 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            return Answer.BadRequest("secret token contains unallowed characters");
        }

        lock (_gate)
        {
            _webhookUrl = url;
            _webhookSecret = secret;
            if (parameters["allowed_updates"] is JsonArray allowed)
            {
                _allowedUpdates = [.. allowed.Select(ReadString).OfType<string>()];
            }

            if (ReadBool(parameters["drop_pending_updates"]))
            {
                _pending.Clear();
            }

            _activePoll?.Conflict.TrySetResult();
        }

        return Answer.Success(true, "Webhook was set");
    }

    private Answer DeleteWebhook(JsonObject parameters)
    {
        lock (_gate)
        {
            var had = _webhookUrl is not null;
            _webhookUrl = null;
            _webhookSecret = null;
            if (ReadBool(parameters["drop_pending_updates"]))
            {
                _pending.Clear();
            }

            return Answer.Success(true, had ? "Webhook was deleted" : "Webhook is already deleted");
        }
    }

    private Answer GetWebhookInfo()
    {
        lock (_gate)
        {
            return Answer.Success(new JsonObject
            {
                ["url"] = _webhookUrl ?? "",
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = _pending.Count,
            });
        }
    }

    private sealed class Poll
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Conflict { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
