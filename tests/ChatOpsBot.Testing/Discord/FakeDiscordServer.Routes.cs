using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Testing.Discord;

public sealed partial class FakeDiscordServer
{
    private static JsonObject Err(int code, string message) => new() { ["message"] = message, ["code"] = code };

    private (int, JsonNode?) Handle(Route route, JsonNode? body, Dictionary<string, string> headers, string query)
    {
        var p = route.Params;
        switch (route.Name)
        {
            case "GET /gateway/bot":
                return (200, new JsonObject
                {
                    ["url"] = GatewayUrl.ToString().TrimEnd('/'),
                    ["shards"] = Options.RecommendedShards,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = IdentifiesLeft, ["reset_after"] = (long)IdentifiesResetAfter.TotalMilliseconds, ["max_concurrency"] = Options.MaxConcurrency },
                });
            case "GET /users/@me":
                return (200, User(Options.BotUserId, "ChatOpsBot", bot: true));
            case "POST /users/@me/channels":
                {
                    if (body?["recipient_id"] is not JsonValue rv || !ulong.TryParse(rv.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
                    {
                        return (400, FormError("recipient_id", "BASE_TYPE_REQUIRED", "This field is required"));
                    }

                    var channelId = _dmChannels.GetOrAdd(userId, _ => AddChannel(type: 1));
                    var channel = (JsonObject)_channels[channelId].DeepClone();
                    channel["recipients"] = new JsonArray(User(userId, "tester"));
                    _channels[channelId]["recipient_id"] = Str(userId);
                    return (200, channel);
                }

            case "GET /channels/{channel_id}":
                return _channels.TryGetValue(Id(p[0]), out var ch) ? (200, ch.DeepClone()) : (404, Err(10003, "Unknown Channel"));
            case "POST /channels/{channel_id}/messages":
                return CreateMessage(Id(p[0]), body);
            case "PATCH /channels/{channel_id}/messages/{message_id}":
                {
                    if (!_messages.TryGetValue(Id(p[1]), out var m) || (string?)m["channel_id"] != p[0])
                    {
                        return (404, Err(10008, "Unknown Message"));
                    }

                    if (MessageProblem(body, requireSomething: false) is { } problem)
                    {
                        return problem;
                    }

                    Merge(m, (JsonObject)body!);
                    return (200, m.DeepClone());
                }

            case "DELETE /channels/{channel_id}/messages/{message_id}":
                if (_deniedChannels.TryGetValue(Id(p[0]), out var denied) || _deniedDeletes.TryGetValue(Id(p[0]), out denied))
                {
                    return (403, Err(denied, denied == 50001 ? "Missing Access" : "Missing Permissions"));
                }

                return _messages.TryRemove(Id(p[1]), out _) || _deletable.TryRemove(Id(p[1]), out _) ? (204, null) : (404, Err(10008, "Unknown Message"));
            case "GET /guilds/{guild_id}":
                return _guilds.TryGetValue(Id(p[0]), out var g) ? (200, g.DeepClone()) : (404, Err(10004, "Unknown Guild"));
            case "GET /guilds/{guild_id}/roles":
                return _guilds.TryGetValue(Id(p[0]), out var gr) ? (200, gr["roles"]!.DeepClone()) : (404, Err(10004, "Unknown Guild"));
            case "GET /guilds/{guild_id}/members/{user_id}":
                if (!_guilds.ContainsKey(Id(p[0])))
                {
                    return (404, Err(10004, "Unknown Guild"));
                }

                return _members.TryGetValue((Id(p[0]), Id(p[1])), out var member) ? (200, member.DeepClone()) : (404, Err(10007, "Unknown Member"));
            case "PUT /applications/{application_id}/commands":
            case "PUT /applications/{application_id}/guilds/{guild_id}/commands":
                return PutCommands(p, body, route.Name.Contains("guilds", StringComparison.Ordinal));
            case "GET /applications/{application_id}/guilds/{guild_id}/commands/permissions":
                // Bots cannot act on other applications' commands (discord-api-docs #2337): 20012 for anyone else's.
                if (Id(p[0]) != Options.ApplicationId && !_commandPermissions.ContainsKey((Id(p[0]), Id(p[1]))))
                {
                    return (403, Err(20012, "You are not authorized to perform this action on this application"));
                }

                return (200, _commandPermissions.TryGetValue((Id(p[0]), Id(p[1])), out var perms) ? perms.DeepClone() : new JsonArray());
            case "POST /interactions/{interaction_id}/{token}/callback":
                return Callback(Id(p[0]), p[1], body);
            case "POST /webhooks/{application_id}/{token}" when p[0] != Str(Options.ApplicationId):
                return ExecuteWebhook(p[0], p[1], body, query); // an incoming webhook (interaction follow-ups use the application id)
            case "GET /webhooks/{application_id}/{token}/messages/@original":
            case "PATCH /webhooks/{application_id}/{token}/messages/@original":
            case "DELETE /webhooks/{application_id}/{token}/messages/@original":
            case "POST /webhooks/{application_id}/{token}":
                return Webhook(route.Name.Split(' ')[0], p[0], p[1], body, followup: route.Name.StartsWith("POST", StringComparison.Ordinal));
            default:
                return (404, Err(0, "404: Not Found"));
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, byte> _deletable = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, int> _deniedDeletes = new();

    /// <summary>Deleting others' messages in this channel gets 403 with <paramref name="code"/> (no Manage Messages); posting still works.</summary>
    public void DenyDelete(ulong channelId, int code = 50013) => _deniedDeletes[channelId] = code;

    /// <summary>Registers a user's message (as injected) so the bot can delete it.</summary>
    public void AllowDelete(ulong messageId) => _deletable[messageId] = 0;

    private (int, JsonNode?) CreateMessage(ulong channelId, JsonNode? body)
    {
        if (!_channels.TryGetValue(channelId, out var channel))
        {
            return (404, Err(10003, "Unknown Channel"));
        }

        if (_deniedChannels.TryGetValue(channelId, out var denied))
        {
            return (403, Err(denied, denied == 50001 ? "Missing Access" : "Missing Permissions"));
        }

        if (channel["recipient_id"] is { } r && _dmClosedUsers.ContainsKey(Id((string)r!)))
        {
            return (403, Err(50007, "Cannot send messages to this user"));
        }

        if (MessageProblem(body, requireSomething: true) is { } problem)
        {
            return problem;
        }

        var data = (JsonObject)body!;
        var nonce = data["nonce"]?.ToString();
        if (nonce is { Length: > 25 })
        {
            return (400, FormError("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."));
        }

        // enforce_nonce (DDOCS resources/message.mdx): another message by the same author with the same nonce in the
        // past few minutes is returned, and nothing is created. The bot is the only author here.
        var nonceKey = $"{Options.BotUserId}|{nonce}";
        if (nonce is not null && data["enforce_nonce"]?.GetValueKind() == JsonValueKind.True && _nonces.TryGetValue(nonceKey, out var existing)
            && Options.Time.GetElapsedTime(existing.At) < Options.NonceWindow)
        {
            return (200, existing.Message.DeepClone());
        }

        var id = NextId();
        var message = Message(id, channelId, Options.BotUserId, "", bot: true);
        Merge(message, data);
        message.Remove("allowed_mentions");
        message.Remove("enforce_nonce");
        if (channel["guild_id"] is { } guild)
        {
            message["guild_id"] = guild.DeepClone();
        }

        _messages[id] = message;
        if (nonce is not null)
        {
            _nonces[nonceKey] = (message, Options.Time.GetTimestamp());
        }

        return (200, message.DeepClone());
    }

    // Content ≤ 2000, ≤ 10 embeds, embeds ≤ 6000 together; a new message needs content, embeds or components (50006).
    private static (int, JsonNode?)? MessageProblem(JsonNode? body, bool requireSomething)
    {
        if (body is not JsonObject data)
        {
            return (400, Err(50109, "The request body contains invalid JSON."));
        }

        var content = data["content"]?.GetValueKind() == JsonValueKind.String ? (string?)data["content"] : null;
        if (content is { Length: > 2000 })
        {
            return (400, FormError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."));
        }

        var embeds = data["embeds"] as JsonArray;
        if (embeds is { Count: > 10 })
        {
            return (400, FormError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."));
        }

        var total = 0;
        foreach (var e in embeds ?? [])
        {
            total += Len(e?["title"]) + Len(e?["description"]) + Len(e?["footer"]?["text"]) + Len(e?["author"]?["name"]);
            total += (e?["fields"] as JsonArray ?? []).Sum(f => Len(f?["name"]) + Len(f?["value"]));
            if (Len(e?["title"]) > 256 || Len(e?["description"]) > 4096 || (e?["fields"] as JsonArray)?.Count > 25)
            {
                return (400, FormError("embeds", "BASE_TYPE_MAX_LENGTH", "Embed over a limit."));
            }
        }

        if (total > 6000)
        {
            return (400, FormError("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"));
        }

        if (requireSomething && string.IsNullOrEmpty(content) && embeds is not { Count: > 0 } && data["components"] is not JsonArray { Count: > 0 }
            && data["attachments"] is not JsonArray { Count: > 0 })
        {
            return (400, Err(50006, "Cannot send an empty message"));
        }

        return null;

        static int Len(JsonNode? n) => n?.GetValueKind() == JsonValueKind.String ? ((string)n!).Length : 0;
    }

    private static JsonObject FormError(string field, string code, string message) => new()
    {
        ["code"] = 50035,
        ["message"] = "Invalid Form Body",
        ["errors"] = new JsonObject { [field] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) } },
    };

    private (int, JsonNode?) PutCommands(string[] p, JsonNode? body, bool guild)
    {
        if (p[0] != Str(Options.ApplicationId))
        {
            return (403, Err(20012, "You are not authorized to perform this action on this application"));
        }

        if (body is not JsonArray list)
        {
            return (400, Err(50035, "Invalid Form Body"));
        }

        var answer = new JsonArray();
        foreach (var item in list)
        {
            if (item is not JsonObject c || c["name"]?.GetValueKind() != JsonValueKind.String || !CommandName().IsMatch((string)c["name"]!))
            {
                return (400, FormError("0.name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"));
            }

            var type = c["type"] is JsonValue tv && tv.TryGetValue<int>(out var t) ? t : 1;
            var description = c["description"]?.GetValueKind() == JsonValueKind.String ? (string)c["description"]! : null;
            if (type == 1 && description is not { Length: >= 1 and <= 100 })
            {
                return (400, FormError("0.description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."));
            }

            if (InvalidOptions(c["options"] as JsonArray, "0.options") is { } bad)
            {
                return (400, FormError(bad.Field, bad.Code, bad.Message));
            }

            if (guild && c["contexts"] is JsonArray contexts && contexts.Any(x => x?.GetValue<int>() == 1))
            {
                return (400, FormError("0.contexts", "BASE_TYPE_CHOICES", "Guild commands cannot have the BOT_DM context."));
            }

            var stored = (JsonObject)c.DeepClone();
            stored["id"] = Str(NextId());
            stored["application_id"] = Str(Options.ApplicationId);
            stored["version"] = Str(NextId());
            stored["type"] = type;
            if (guild)
            {
                stored["guild_id"] = p[1];
            }

            answer.Add(stored);
        }

        Commands[guild ? p[1] : "global"] = (JsonArray)answer.DeepClone();
        return (200, answer);
    }

    /// <summary>
    /// Discord's checks of command options: lowercase valid names, descriptions of 1–100, at most 25 per level,
    /// subcommands (types 1, 2) not mixed with value options, required value options before optional ones; recursively.
    /// </summary>
    private static (string Field, string Code, string Message)? InvalidOptions(JsonArray? options, string path)
    {
        if (options is null)
        {
            return null;
        }

        if (options.Count > 25)
        {
            return (path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }

        var types = options.Select(o => o?["type"] is JsonValue v && v.TryGetValue<int>(out var t) ? t : 0).ToList();
        if (types.Any(t => t is 1 or 2) && types.Any(t => t is not 1 and not 2))
        {
            return (path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types");
        }

        var optionalSeen = false;
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i] as JsonObject;
            var name = o?["name"]?.GetValueKind() == JsonValueKind.String ? (string)o["name"]! : null;
            if (name is null || !CommandName().IsMatch(name) || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return ($"{path}.{i}.name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
            }

            var description = o!["description"]?.GetValueKind() == JsonValueKind.String ? (string)o["description"]! : null;
            if (description is not { Length: >= 1 and <= 100 })
            {
                return ($"{path}.{i}.description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }

            if (types[i] is < 1 or > 11)
            {
                return ($"{path}.{i}.type", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).");
            }

            if (types[i] is not 1 and not 2)
            {
                var required = o["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req;
                if (required && optionalSeen)
                {
                    return ($"{path}.{i}.required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
                }

                optionalSeen |= !required;
            }

            if (InvalidOptions(o["options"] as JsonArray, $"{path}.{i}.options") is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private (int, JsonNode?) Callback(ulong interactionId, string token, JsonNode? body)
    {
        if (!_interactions.TryGetValue(interactionId, out var interaction) || interaction.Token != token)
        {
            return (404, Err(10062, "Unknown interaction"));
        }

        lock (interaction)
        {
            if (Options.Time.GetElapsedTime(interaction.CreatedAt) > Options.InteractionResponseDeadline)
            {
                return (404, Err(10062, "Unknown interaction"));
            }

            if (interaction.Acknowledged)
            {
                return (400, Err(40060, "Interaction has already been acknowledged."));
            }

            if (body is not JsonObject o || o["type"] is not JsonValue tv || !tv.TryGetValue<int>(out var type))
            {
                return (400, FormError("type", "BASE_TYPE_REQUIRED", "This field is required"));
            }

            var data = o["data"] as JsonObject;
            var allowed = type switch
            {
                4 or 5 => interaction.Type is 2 or 3 or 5,
                6 or 7 => interaction.Type is 3 or 5,
                8 => interaction.Type == 4,
                9 => interaction.Type is 2 or 3,
                _ => false,
            };
            if (!allowed)
            {
                return (400, FormError("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type"));
            }

            if (type == 5 && data?["flags"] is JsonValue fv && fv.TryGetValue<int>(out var flags) && (flags & ~64) != 0)
            {
                return (400, FormError("data.flags", "MESSAGE_FLAGS_INVALID", "Only EPHEMERAL may be set on a deferred response."));
            }

            if (type == 9 && (data?["custom_id"]?.GetValueKind() != JsonValueKind.String || data["title"]?.GetValueKind() != JsonValueKind.String
                || ((string)data["title"]!).Length > 45 || data["components"] is not JsonArray { Count: >= 1 and <= 5 }))
            {
                return (400, FormError("data", "MODAL_INVALID", "A modal needs custom_id, a title of at most 45 characters and 1–5 components."));
            }

            if (type == 8 && (data?["choices"] is not JsonArray choices || choices.Count > 25
                || choices.Any(c => c?["name"]?.GetValueKind() != JsonValueKind.String || ((string)c["name"]!).Length is < 1 or > 100
                    || c["value"] is null || (c["value"]!.GetValueKind() == JsonValueKind.String && ((string)c["value"]!).Length > 100))))
            {
                return (400, FormError("data.choices", "BASE_TYPE_MAX_LENGTH", "Autocomplete choices: at most 25, each a name of 1–100 and a value of at most 100."));
            }

            if (type is 4 or 7 && MessageProblem(data ?? [], requireSomething: type == 4) is { } problem)
            {
                return problem;
            }

            interaction.CallbackData = data?.DeepClone() as JsonObject;
            if (type is 4 or 5)
            {
                var original = Message(NextId(), interaction.ChannelId, Options.BotUserId, "", bot: true);
                if (data is not null)
                {
                    Merge(original, data);
                }

                original.Remove("allowed_mentions");
                original["application_id"] = Str(Options.ApplicationId);
                original["webhook_id"] = Str(Options.ApplicationId);
                if (type == 5)
                {
                    original["flags"] = ((int?)original["flags"] ?? 0) | 128; // LOADING
                }

                interaction.Original = original;
            }

            interaction.Callbacks.Add(type); // last: a test that sees the callback sees its message
            return (204, null);
        }
    }

    private (int, JsonNode?) Webhook(string method, string applicationId, string token, JsonNode? body, bool followup)
    {
        var interaction = _interactions.Values.FirstOrDefault(i => i.Token == token);
        if (applicationId != Str(Options.ApplicationId) || interaction is null
            || Options.Time.GetElapsedTime(interaction.CreatedAt) > Options.InteractionTokenLifetime)
        {
            return (404, Err(10015, "Unknown Webhook"));
        }

        lock (interaction)
        {
            if (!interaction.Acknowledged)
            {
                return followup ? (404, Err(10015, "Unknown Webhook")) : (404, Err(10008, "Unknown Message"));
            }

            if (followup)
            {
                if (MessageProblem(body, requireSomething: true) is { } problem)
                {
                    return problem;
                }

                var m = Message(NextId(), interaction.ChannelId, Options.BotUserId, "", bot: true);
                Merge(m, (JsonObject)body!);
                m.Remove("allowed_mentions");
                m["webhook_id"] = Str(Options.ApplicationId);
                interaction.Followups.Add((JsonObject)m.DeepClone());
                return (200, m);
            }

            if (interaction.Original is not { } original)
            {
                return (404, Err(10008, "Unknown Message"));
            }

            switch (method)
            {
                case "GET":
                    return (200, original.DeepClone());
                case "DELETE":
                    interaction.Original = null;
                    return (204, null);
                default:
                    if (MessageProblem(body, requireSomething: false) is { } problem)
                    {
                        return problem;
                    }

                    var flags = ((int?)original["flags"] ?? 0) & ~128; // the ephemeral state cannot change
                    Merge(original, (JsonObject)body!);
                    original["flags"] = flags;
                    original.Remove("allowed_mentions");
                    interaction.Edits.Add((JsonObject)body!.DeepClone()); // last: a test that sees the edit sees its effect
                    return (200, original.DeepClone());
            }
        }
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (k, v) in source)
        {
            target[k] = v?.DeepClone();
        }
    }

    private static ulong Id(string s) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex CommandName();

    /// <summary>A matched REST route: its name ("METHOD /template"), parameters, bucket and top-level resource.</summary>
    private sealed record Route(string Name, string[] Params, string Bucket, string Major, bool TokenAuthorised, bool GlobalExempt)
    {
        private static readonly (string Method, string Template, Regex Pattern, int? MajorIndex, bool TokenRoute)[] Table =
        [
            ("GET", "/gateway/bot", Build("/gateway/bot"), null, false),
            ("GET", "/users/@me", Build("/users/@me"), null, false),
            ("POST", "/users/@me/channels", Build("/users/@me/channels"), null, false),
            ("GET", "/channels/{channel_id}", Build("/channels/{}"), 0, false),
            ("POST", "/channels/{channel_id}/messages", Build("/channels/{}/messages"), 0, false),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", Build("/channels/{}/messages/{}"), 0, false),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", Build("/channels/{}/messages/{}"), 0, false),
            ("GET", "/guilds/{guild_id}", Build("/guilds/{}"), 0, false),
            ("GET", "/guilds/{guild_id}/roles", Build("/guilds/{}/roles"), 0, false),
            ("GET", "/guilds/{guild_id}/members/{user_id}", Build("/guilds/{}/members/{}"), 0, false),
            ("PUT", "/applications/{application_id}/commands", Build("/applications/{}/commands"), 0, false),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", Build("/applications/{}/guilds/{}/commands"), 1, false),
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands/permissions", Build("/applications/{}/guilds/{}/commands/permissions"), 1, false),
            ("POST", "/interactions/{interaction_id}/{token}/callback", Build("/interactions/{}/{}/callback"), -1, true),
            ("GET", "/webhooks/{application_id}/{token}/messages/@original", Build("/webhooks/{}/{}/messages/@original"), -1, true),
            ("PATCH", "/webhooks/{application_id}/{token}/messages/@original", Build("/webhooks/{}/{}/messages/@original"), -1, true),
            ("DELETE", "/webhooks/{application_id}/{token}/messages/@original", Build("/webhooks/{}/{}/messages/@original"), -1, true),
            ("POST", "/webhooks/{application_id}/{token}", Build("/webhooks/{}/{}"), -1, true),
        ];

        public static Route? Match(string method, string path)
        {
            foreach (var (m, template, pattern, majorIndex, tokenRoute) in Table)
            {
                if (m != method)
                {
                    continue;
                }

                var match = pattern.Match(path);
                if (!match.Success)
                {
                    continue;
                }

                var ps = match.Groups.Cast<Group>().Skip(1).Select(g => Uri.UnescapeDataString(g.Value)).ToArray();
                var major = majorIndex switch
                {
                    null => "",
                    -1 => ps[0] + "/" + ps[1],
                    var i => ps[i.Value],
                };
                var bucket = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(method + " " + template)))[..16];
                return new Route($"{method} {template}", ps, bucket, major, tokenRoute, tokenRoute);
            }

            return null;
        }

        private static Regex Build(string template) =>
            new("^" + Regex.Escape(template).Replace(@"\{}", "([^/]+)", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
    }
}
