using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChatOpsBot.Testing.Discord;

public sealed partial class FakeDiscordServer
{
    private readonly ConcurrentQueue<FakeDiscordCall> _calls = new();
    private readonly ConcurrentQueue<ScriptedRateLimit> _scripted429 = new();
    private readonly ConcurrentDictionary<string, (int Remaining, long ResetAt)> _buckets = new();
    private readonly Queue<long> _globalWindow = new();
    private readonly ConcurrentDictionary<ulong, FakeInteraction> _interactions = new();
    private readonly ConcurrentDictionary<ulong, JsonObject> _channels = new();
    private readonly ConcurrentDictionary<ulong, JsonObject> _messages = new();
    private readonly ConcurrentDictionary<string, (JsonObject Message, long At)> _nonces = new();
    private readonly ConcurrentDictionary<ulong, ulong> _dmChannels = new();
    private readonly ConcurrentDictionary<ulong, JsonObject> _guilds = new();
    private readonly ConcurrentDictionary<(ulong Guild, ulong User), JsonObject> _members = new();
    private readonly ConcurrentDictionary<ulong, int> _deniedChannels = new();
    private readonly ConcurrentDictionary<ulong, byte> _dmClosedUsers = new();

    /// <summary>Every REST call, in arrival order.</summary>
    public IReadOnlyList<FakeDiscordCall> Calls => [.. _calls];

    public IReadOnlyDictionary<ulong, FakeInteraction> Interactions => _interactions;

    /// <summary>Messages the bot created in channels (not interaction responses), by id.</summary>
    public IReadOnlyDictionary<ulong, JsonObject> Messages => _messages;

    /// <summary>The last command list a PUT …/commands set, per "global" or guild id.</summary>
    public ConcurrentDictionary<string, JsonArray> Commands { get; } = new();

    /// <summary>The next call whose "METHOD /path" starts with <paramref name="routePrefix"/> gets a 429 (scope user, shared or global).</summary>
    public void EnqueueRateLimit(string routePrefix, double retryAfterSeconds, string scope = "user") =>
        _scripted429.Enqueue(new ScriptedRateLimit(routePrefix, retryAfterSeconds, scope));

    /// <summary>Adds a guild text channel (type 0) or returns the id.</summary>
    public ulong AddChannel(ulong? guildId = null, int type = 0, ulong? id = null)
    {
        var channelId = id ?? NextId();
        var channel = new JsonObject { ["id"] = Str(channelId), ["type"] = type, ["name"] = $"channel-{channelId % 1000}" };
        if (guildId is { } g)
        {
            channel["guild_id"] = Str(g);
        }

        _channels[channelId] = channel;
        return channelId;
    }

    public void AddGuild(ulong guildId, ulong ownerId, params (ulong Id, string Name, ulong Permissions)[] roles)
    {
        _guilds[guildId] = new JsonObject
        {
            ["id"] = Str(guildId),
            ["name"] = $"guild-{guildId % 1000}",
            ["owner_id"] = Str(ownerId),
            ["roles"] = new JsonArray([.. roles.Select((r, i) => (JsonNode)new JsonObject { ["id"] = Str(r.Id), ["name"] = r.Name, ["permissions"] = Str(r.Permissions), ["position"] = i })]),
        };
    }

    public void AddMember(ulong guildId, ulong userId, params ulong[] roles) =>
        _members[(guildId, userId)] = new JsonObject { ["user"] = User(userId, "member"), ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)Str(r))]), ["joined_at"] = "2025-01-01T00:00:00+00:00" };

    /// <summary>POSTs to this channel get 403 with <paramref name="code"/> (50013 Missing Permissions or 50001 Missing Access).</summary>
    public void DenyChannel(ulong channelId, int code = 50013) => _deniedChannels[channelId] = code;

    /// <summary>The bot may post in this channel again (an admin fixed the permission).</summary>
    public void AllowChannel(ulong channelId) => _deniedChannels.TryRemove(channelId, out _);

    /// <summary>Messages to this user's DM get 403 50007 Cannot send messages to this user.</summary>
    public void CloseDms(ulong userId) => _dmClosedUsers[userId] = 0;

    /// <summary>Injects INTERACTION_CREATE; the interaction's 3-s and 15-min clocks start now (fake clock).</summary>
    public async Task<FakeInteraction> InjectInteractionAsync(JsonObject interaction)
    {
        var record = RegisterInteraction(interaction);
        await DispatchAsync("INTERACTION_CREATE", interaction);
        return record;
    }

    /// <summary>Makes an interaction known to the REST side without a gateway (for REST-only tests); its clocks start now.</summary>
    public FakeInteraction RegisterInteraction(JsonObject interaction)
    {
        var id = ulong.Parse((string)interaction["id"]!, CultureInfo.InvariantCulture);
        var channelId = interaction["channel_id"] is { } c ? ulong.Parse((string)c!, CultureInfo.InvariantCulture) : 0;
        var record = new FakeInteraction(id, (string)interaction["token"]!, (int)interaction["type"]!, channelId, Options.Time.GetTimestamp(), interaction);
        _interactions[id] = record;
        return record;
    }

    /// <summary>Injects MESSAGE_CREATE.</summary>
    public Task<int> InjectMessageAsync(JsonObject message) => DispatchAsync("MESSAGE_CREATE", message);

    // ---------------- payload builders ----------------

    /// <summary>A slash command interaction; <paramref name="guildId"/> null makes it a DM one (<c>user</c>, no <c>member</c>).</summary>
    public JsonObject SlashCommand(string name, JsonArray? options = null, ulong? guildId = null, ulong? channelId = null, ulong userId = 4242, ulong permissions = 2147483647)
    {
        var payload = InteractionBase(2, guildId, channelId, userId, permissions);
        payload["data"] = new JsonObject { ["id"] = Str(NextId()), ["name"] = name, ["type"] = 1, ["options"] = options ?? [] };
        return payload;
    }

    /// <summary>A button press on a message.</summary>
    public JsonObject ButtonPress(string customId, ulong? guildId = null, ulong? channelId = null, ulong userId = 4242)
    {
        var payload = InteractionBase(3, guildId, channelId, userId, 2147483647);
        payload["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        payload["message"] = Message(NextId(), channelId ?? 0, Options.BotUserId, "message with a button", bot: true);
        return payload;
    }

    /// <summary>A modal submit with one Label-wrapped text input.</summary>
    public JsonObject ModalSubmit(string customId, string inputCustomId, string value, ulong? guildId = null, ulong? channelId = null, ulong userId = 4242)
    {
        var payload = InteractionBase(5, guildId, channelId, userId, 2147483647);
        payload["data"] = new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray(new JsonObject { ["type"] = 18, ["id"] = 1, ["component"] = new JsonObject { ["type"] = 4, ["id"] = 2, ["custom_id"] = inputCustomId, ["value"] = value } }),
        };
        return payload;
    }

    /// <summary>A MESSAGE_CREATE payload from a user (no guild_id in DMs).</summary>
    public JsonObject UserMessage(string content, ulong channelId, ulong? guildId = null, ulong authorId = 4242, bool mentionBot = false)
    {
        var m = Message(NextId(), channelId, authorId, content, bot: false);
        if (guildId is { } g)
        {
            m["guild_id"] = Str(g);
            m["member"] = new JsonObject { ["roles"] = new JsonArray(), ["joined_at"] = "2025-01-01T00:00:00+00:00" };
        }

        if (mentionBot)
        {
            m["mentions"] = new JsonArray(User(Options.BotUserId, "ChatOpsBot", bot: true));
        }

        return m;
    }

    private JsonObject InteractionBase(int type, ulong? guildId, ulong? channelId, ulong userId, ulong permissions)
    {
        var channel = channelId ?? AddChannel(guildId, guildId is null ? 1 : 0);
        var payload = new JsonObject
        {
            ["id"] = Str(NextId()),
            ["application_id"] = Str(Options.ApplicationId),
            ["type"] = type,
            ["token"] = "aW50ZXJhY3Rpb246" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') + Guid.NewGuid().ToString("N"),
            ["version"] = 1,
            ["channel_id"] = Str(channel),
            ["channel"] = new JsonObject { ["id"] = Str(channel), ["type"] = guildId is null ? 1 : 0 },
            ["app_permissions"] = "2248473465835073",
            ["locale"] = "en-US",
            ["entitlements"] = new JsonArray(),
            ["context"] = guildId is null ? 1 : 0,
        };
        if (guildId is { } g)
        {
            payload["guild_id"] = Str(g);
            payload["guild_locale"] = "en-US";
            payload["member"] = new JsonObject
            {
                ["user"] = User(userId, "tester"),
                ["roles"] = new JsonArray(),
                ["permissions"] = Str(permissions),
                ["joined_at"] = "2025-01-01T00:00:00+00:00",
                ["deaf"] = false,
                ["mute"] = false,
            };
            payload["authorizing_integration_owners"] = new JsonObject { ["0"] = Str(g) };
        }
        else
        {
            payload["user"] = User(userId, "tester");
            payload["authorizing_integration_owners"] = new JsonObject { ["0"] = "0" };
        }

        return payload;
    }

    private static JsonObject User(ulong id, string name, bool bot = false) =>
        new() { ["id"] = Str(id), ["username"] = name, ["global_name"] = name, ["discriminator"] = "0", ["bot"] = bot };

    private JsonObject Message(ulong id, ulong channelId, ulong authorId, string content, bool bot) => new()
    {
        ["id"] = Str(id),
        ["channel_id"] = Str(channelId),
        ["type"] = 0,
        ["content"] = content,
        ["author"] = User(authorId, bot ? "ChatOpsBot" : "tester", bot),
        ["mentions"] = new JsonArray(),
        ["mention_roles"] = new JsonArray(),
        ["embeds"] = new JsonArray(),
        ["components"] = new JsonArray(),
        ["attachments"] = new JsonArray(),
        ["flags"] = 0,
        ["timestamp"] = Options.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Guild(ulong id) =>
        new() { ["id"] = Str(id), ["name"] = $"guild-{id % 1000}", ["unavailable"] = false, ["channels"] = new JsonArray(), ["roles"] = new JsonArray(), ["member_count"] = 2 };

    private static string Str(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    // ---------------- REST ----------------

    [GeneratedRegex(@"^DiscordBot \((\S+), (\S+)\)$")]
    private static partial Regex UserAgentRegex();

    private async Task RestAsync(HttpContext context, string path)
    {
        var request = context.Request;
        byte[] raw;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            raw = buffer.ToArray();
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var query = request.QueryString.Value ?? "";
        var key = $"{request.Method} {path}";
        var fault = TakeFault(key);
        if (fault is { Status: null })
        {
            // Discord took the request (and acted on it) but the answer never arrives: the connection drops.
            _ = await ProcessAsync(request.Method, path, query, headers, raw, request.ContentType);
            _calls.Enqueue(new FakeDiscordCall(request.Method, path, query, headers, BodyText(raw, request.ContentType), 0, "(connection dropped)", ParseFiles(raw, request.ContentType)));
            Pulse();
            context.Abort();
            return;
        }
        else if (fault is { Status: HangStatus or TakeThenHangStatus })
        {
            if (fault.Status == TakeThenHangStatus)
            {
                _ = await ProcessAsync(request.Method, path, query, headers, raw, request.ContentType);
            }

            Interlocked.Increment(ref _hanging);
            Pulse();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // until the client gives up
            }
            catch (OperationCanceledException)
            {
                // the client went away
            }
            finally
            {
                Interlocked.Decrement(ref _hanging);
                _calls.Enqueue(new FakeDiscordCall(request.Method, path, query, headers, BodyText(raw, request.ContentType), 0, "(no answer)", ParseFiles(raw, request.ContentType)));
                Pulse();
            }

            return;
        }
        else if (fault is { Status: { } failStatus })
        {
            var failBody = fault.Body ?? (failStatus == 503 ? "upstream connect error or disconnect/reset before headers. reset reason: overflow" : $$"""{"message": "{{failStatus}}: Server Error", "code": 0}""");
            context.Response.StatusCode = failStatus;
            context.Response.ContentType = failStatus == 503 ? "text/plain" : "application/json";
            if (fault.ContentEncoding is { } encoding)
            {
                context.Response.Headers.ContentEncoding = encoding;
            }

            _calls.Enqueue(new FakeDiscordCall(request.Method, path, query, headers, BodyText(raw, request.ContentType), failStatus, failBody, ParseFiles(raw, request.ContentType)));
            Pulse();
            await context.Response.WriteAsync(failBody, context.RequestAborted);
            return;
        }

        var (status, response, extraHeaders, body) = await ProcessAsync(request.Method, path, query, headers, raw, request.ContentType);
        foreach (var (name, value) in extraHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = status;
        var text = response?.ToJsonString() ?? "";
        _calls.Enqueue(new FakeDiscordCall(request.Method, path, query, headers, body, status, text, ParseFiles(raw, request.ContentType)));
        Pulse();
        if (response is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(text, context.RequestAborted);
        }
    }

    private async Task<(int, JsonNode?, List<(string, string)>, string)> ProcessAsync(string method, string path, string query, Dictionary<string, string> headers, byte[] raw, string? contentType)
    {
        var parts = await ReadMultipartAsync(raw, contentType);
        if (parts is null)
        {
            var text = Encoding.UTF8.GetString(raw);
            var (status, answer, extra) = Answer(method, path, query, headers, text, files: []);
            return (status, answer, extra, text);
        }

        // multipart/form-data: the JSON travels in payload_json (DDOCS reference.mdx#uploading-files).
        var payload = parts.FirstOrDefault(p => p.Name == "payload_json");
        var files = parts.Where(p => p.FileName is not null).ToList();
        var json = payload is null ? "" : Encoding.UTF8.GetString(payload.Content);
        var jsonHeaders = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" }; // a form field needs no type of its own

        var (s, a, e) = Answer(method, path, query, jsonHeaders, json, files);
        return (s, a, e, json);
    }

    private (int, JsonNode?, List<(string, string)>) Answer(string method, string path, string query, Dictionary<string, string> headers, string body, List<FakeDiscordFile> files)
    {
        var extra = new List<(string, string)>();
        var route = Route.Match(method, path);
        var tokenRoute = route?.TokenAuthorised ?? false;
        var userAgent = headers.GetValueOrDefault("User-Agent") ?? "";
        var authorised = tokenRoute || headers.GetValueOrDefault("Authorization") == "Bot " + Options.Token;
        if (!UserAgentRegex().IsMatch(userAgent) || !authorised)
        {
            return (401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 }, extra);
        }

        if (route is null)
        {
            return (404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 }, extra);
        }

        var key = $"{method} {path}";
        if (_scripted429.TryPeek(out var scripted) && key.StartsWith(scripted.RoutePrefix, StringComparison.Ordinal) && _scripted429.TryDequeue(out scripted))
        {
            return RateLimited(scripted.RetryAfter, scripted.Scope, extra, route);
        }

        var now = Options.Time.GetTimestamp();
        if (!route.GlobalExempt)
        {
            lock (_globalWindow)
            {
                while (_globalWindow.Count > 0 && Options.Time.GetElapsedTime(_globalWindow.Peek(), now) >= TimeSpan.FromSeconds(1))
                {
                    _globalWindow.Dequeue();
                }

                if (_globalWindow.Count >= Options.GlobalPerSecond)
                {
                    var retry = 1 - Options.Time.GetElapsedTime(_globalWindow.Peek(), now).TotalSeconds;
                    return RateLimited(Math.Max(0.001, retry), "global", extra, route);
                }

                _globalWindow.Enqueue(now);
            }
        }

        var bucketKey = route.Bucket + "|" + route.Major;
        var state = _buckets.AddOrUpdate(bucketKey,
            _ => (Options.BucketLimit, now + Ticks(Options.BucketResetAfter)),
            (_, s) => now >= s.ResetAt ? (Options.BucketLimit, now + Ticks(Options.BucketResetAfter)) : s);
        if (state.Remaining <= 0)
        {
            return RateLimited(Options.Time.GetElapsedTime(now, state.ResetAt).TotalSeconds, "user", extra, route);
        }

        state = _buckets.AddOrUpdate(bucketKey, state, (_, s) => (s.Remaining - 1, s.ResetAt));
        var resetAfter = Options.Time.GetElapsedTime(now, state.ResetAt).TotalSeconds;
        extra.Add(("X-RateLimit-Limit", Options.BucketLimit.ToString(CultureInfo.InvariantCulture)));
        extra.Add(("X-RateLimit-Remaining", state.Remaining.ToString(CultureInfo.InvariantCulture)));
        extra.Add(("X-RateLimit-Reset", (Options.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 + resetAfter).ToString("0.000", CultureInfo.InvariantCulture)));
        extra.Add(("X-RateLimit-Reset-After", resetAfter.ToString("0.000", CultureInfo.InvariantCulture)));
        extra.Add(("X-RateLimit-Bucket", route.Bucket));

        JsonNode? json = null;
        if (body.Length > 0)
        {
            if (!(headers.GetValueOrDefault("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Error(400, 50035, "Invalid Form Body", extra);
            }

            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return Error(400, 50109, "The request body contains invalid JSON.", extra);
            }
        }
        else if (files.Count > 0)
        {
            json = new JsonObject(); // files alone are a message
        }

        var messageData = route.Name.EndsWith("/callback", StringComparison.Ordinal) ? json?["data"] as JsonObject : json as JsonObject; // a callback carries the message in data
        if (files.Count > 0 && messageData is not null && AttachFiles(messageData, files) is { } attachProblem)
        {
            return (attachProblem.Item1, attachProblem.Item2, extra);
        }

        var (status, answer) = StrictAccess(route, key) ?? Handle(route, json, headers, query);
        return (status, answer, extra);
    }

    private (int, JsonNode?, List<(string, string)>) RateLimited(double retryAfter, string scope, List<(string, string)> extra, Route? route)
    {
        extra.Add(("Retry-After", Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture)));
        extra.Add(("X-RateLimit-Scope", scope));
        if (scope == "global")
        {
            extra.Add(("X-RateLimit-Global", "true"));
        }
        else if (route is not null)
        {
            extra.Add(("X-RateLimit-Limit", Options.BucketLimit.ToString(CultureInfo.InvariantCulture)));
            extra.Add(("X-RateLimit-Remaining", "0"));
            extra.Add(("X-RateLimit-Reset-After", retryAfter.ToString("0.000", CultureInfo.InvariantCulture)));
            extra.Add(("X-RateLimit-Bucket", route.Bucket));
        }

        var message = scope == "shared" ? "The resource is being rate limited." : "You are being rate limited.";
        return (429, new JsonObject { ["message"] = message, ["retry_after"] = Math.Round(retryAfter, 3), ["global"] = scope == "global" }, extra);
    }

    private static (int, JsonNode?, List<(string, string)>) Error(int status, int code, string message, List<(string, string)> extra) =>
        (status, new JsonObject { ["message"] = message, ["code"] = code }, extra);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Options.Time.TimestampFrequency);

    private sealed record ScriptedRateLimit(string RoutePrefix, double RetryAfter, string Scope);
}
