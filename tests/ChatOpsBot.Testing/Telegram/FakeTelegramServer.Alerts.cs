using System.Text.Json.Nodes;

namespace ChatOpsBot.Testing.Telegram;

/// <summary>A file part of a multipart Bot API call (an upload).</summary>
public sealed record TelegramUpload(string Name, string? FileName, string? ContentType, byte[] Content);

/// <summary>A photo the bot sent: where, its bytes, its caption after entity parsing.</summary>
public sealed record TelegramSentPhoto(long ChatId, int MessageId, string? FileName, byte[] Content, string? Caption, string? RawCaption);

public sealed partial class FakeTelegramServer
{
    private readonly Dictionary<long, Answer> _refusingChats = [];
    private readonly Dictionary<string, long> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TelegramSentPhoto> _photos = [];

    /// <summary>Photos the bot sent, in order.</summary>
    public IReadOnlyList<TelegramSentPhoto> Photos
    {
        get
        {
            lock (_gate)
            {
                return [.. _photos];
            }
        }
    }

    /// <summary>The user blocked the bot (a private chat): sends get <c>403 Forbidden: bot was blocked by the user</c>.</summary>
    public void BlockBot(long chatId) => Refuse(chatId, Answer.Fail(403, "Forbidden: bot was blocked by the user"));

    /// <summary>The bot was removed from the group: sends get <c>403 Forbidden: bot was kicked from the group chat</c>.</summary>
    public void KickBot(long chatId) => Refuse(chatId, Answer.Fail(403, chatId <= -1_000_000_000_000 ? "Forbidden: bot was kicked from the supergroup chat" : "Forbidden: bot was kicked from the group chat"));

    /// <summary>No such chat (or the bot never met it): <c>400 Bad Request: chat not found</c>.</summary>
    public void ForgetChat(long chatId) => Refuse(chatId, Answer.BadRequest("chat not found"));

    /// <summary>A public channel or supergroup reachable as <paramref name="username"/> (<c>@name</c>).</summary>
    public void AddUsername(string username, long chatId)
    {
        lock (_gate)
        {
            _usernames[username] = chatId;
        }
    }

    private void Refuse(long chatId, Answer answer)
    {
        lock (_gate)
        {
            _refusingChats[chatId] = answer;
        }
    }

    /// <summary>sendPhoto: the photo must be an uploaded file part (named as the field, or attach://name) or a file_id/URL string.</summary>
    private Answer SendPhoto(TelegramCall call)
    {
        var p = call.Parameters;
        lock (_gate)
        {
            if (ResolveChat(p, out var chatId) is { } error)
            {
                return error;
            }

            var caption = ReadString(p["caption"]);
            var plainCaption = caption;
            if (!string.IsNullOrEmpty(caption))
            {
                if (string.Equals(ReadString(p["parse_mode"]), "html", StringComparison.OrdinalIgnoreCase)
                    && !TelegramHtmlParser.TryParse(caption, out plainCaption, out var problem))
                {
                    return Answer.BadRequest("can't parse entities: " + problem);
                }

                if (plainCaption!.Length > 1024)
                {
                    return Answer.BadRequest("message caption is too long");
                }
            }

            var reference = ReadString(p["photo"]);
            var upload = call.Uploads.FirstOrDefault(u => u.Name == "photo")
                ?? (reference is not null && reference.StartsWith("attach://", StringComparison.Ordinal) ? call.Uploads.FirstOrDefault(u => u.Name == reference[9..]) : null);
            if (upload is null && (reference is null || reference.StartsWith("attach://", StringComparison.Ordinal)))
            {
                return Answer.BadRequest("there is no photo in the request");
            }

            if (upload is { Content.Length: 0 })
            {
                return Answer.BadRequest("file must be non-empty");
            }

            var id = NextMessageId(chatId);
            _messages[(chatId, id)] = new StoredMessage(chatId, id, true, plainCaption ?? "", caption, ReadString(p["parse_mode"]), null);
            _photos.Add(new TelegramSentPhoto(chatId, id, upload?.FileName, upload?.Content ?? [], plainCaption, caption));
            var message = Message(ChatFor(chatId), id, BotUser(), null);
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = $"AgACAgIAAxk{chatId}{id}", ["file_unique_id"] = $"AQAD{id}", ["width"] = 1, ["height"] = 1, ["file_size"] = upload?.Content.Length ?? 0 });
            if (plainCaption is not null)
            {
                message["caption"] = plainCaption;
            }

            return Answer.Success(message);
        }
    }

    // Called under _gate from ResolveChat: usernames, then refusing chats.
    private Answer? CheckChat(JsonObject p, ref long chatId)
    {
        if (chatId == 0 && ReadString(p["chat_id"]) is { } name && name.StartsWith('@'))
        {
            if (!_usernames.TryGetValue(name, out chatId))
            {
                return Answer.BadRequest("chat not found");
            }
        }

        return _refusingChats.TryGetValue(chatId, out var refusal) ? refusal : null;
    }
}
