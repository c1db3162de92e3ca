using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Testing.Telegram;

/// <summary>
/// A Telegram Bot API on 127.0.0.1 (Kestrel, port 0) for Telegram.Bot pointed at it through its base URL:
/// <c>/bot&lt;token&gt;/&lt;method&gt;</c> at the root, method names case-insensitive, JSON, form and query
/// parameters parsed, Telegram's envelopes with non-200 statuses for errors and its exact error descriptions,
/// getUpdates long polling with real offset semantics, and scripted failures. Every call is recorded.
/// Time (message dates, the long-poll timeout) comes from the given <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public const string DefaultToken = "123456789:AAPtYgjmUhBel31iEl2hpChYgCfrL1spNxn";
    public const string BotUsername = "chatops_test_bot";

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<TelegramCall> _calls = [];
    private readonly List<(Func<TelegramCall, bool> Match, TaskCompletionSource<TelegramCall> Done)> _callWaiters = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeTelegramFailure>> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    private FakeTelegramServer(WebApplication app, string token, TimeProvider timeProvider)
    {
        _app = app;
        Token = token;
        _timeProvider = timeProvider;
        BotId = long.Parse(token[..token.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Scheme, host and port: give it to TelegramBotClientOptions as baseUrl.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string Token { get; }

    public long BotId { get; }

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<TelegramCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The calls of one method (case-insensitive).</summary>
    public IReadOnlyList<TelegramCall> CallsOf(string method) => [.. Calls.Where(c => c.Is(method))];

    public static async Task<FakeTelegramServer> StartAsync(string token = DefaultToken, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeTelegramServer(app, token, timeProvider ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Answers the next call of <paramref name="method"/> with <paramref name="failure"/> (several queue up in order).</summary>
    public FakeTelegramServer FailNext(string method, FakeTelegramFailure failure)
    {
        _failures.GetOrAdd(method, _ => new ConcurrentQueue<FakeTelegramFailure>()).Enqueue(failure);
        return this;
    }

    /// <summary>
    /// Completes when a call matching <paramref name="match"/> has arrived (now or earlier), checked again whenever a call
    /// arrives, is held or is answered. <paramref name="timeout"/> is a safety net, not a sleep: when it passes, the wait
    /// fails with the method it waited for and the calls seen.
    /// </summary>
    public async Task<TelegramCall> WaitForCallAsync(string method, Func<TelegramCall, bool>? match = null, TimeSpan? timeout = null)
    {
        bool Matches(TelegramCall c) => c.Is(method) && (match?.Invoke(c) ?? true);
        TaskCompletionSource<TelegramCall> done;
        lock (_gate)
        {
            if (_calls.FirstOrDefault(Matches) is { } seen)
            {
                return seen;
            }

            done = new TaskCompletionSource<TelegramCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            _callWaiters.Add((Matches, done));
        }

        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            return await done.Task.WaitAsync(limit);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The fake Telegram waited {limit.TotalSeconds:0} s in vain for a matching {method} call; calls: {string.Join(", ", Calls)}", ex);
        }
    }

    /// <summary>Waits until a getUpdates is held on the fake's clock (its timeout timer set), so a test moves the clock once.</summary>
    public Task<TelegramCall> WaitForHeldPollAsync(TimeSpan? timeout = null) =>
        WaitForCallAsync("getUpdates", c => c.Held && c.Status == 0, timeout);

    /// <summary>Waits until a getUpdates with offset ≥ <paramref name="offset"/> arrived: every update before it was handled and confirmed.</summary>
    public Task<TelegramCall> WaitForPollAsync(int offset, TimeSpan? timeout = null) =>
        WaitForCallAsync("getUpdates", c => c.Number("offset") >= offset, timeout);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var (token, method) = SplitPath(path);
        var (body, parameters, uploads) = await ReadParametersAsync(context);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var call = new TelegramCall(method ?? path, context.Request.Method, body, parameters, headers) { At = _timeProvider.GetUtcNow(), Uploads = uploads };
        if (string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase) && string.Equals(token, Token, StringComparison.Ordinal))
        {
            ConfirmOnArrival(parameters); // as Telegram does on receipt: a test that saw the poll sees its offset applied
        }

        Record(call);

        Answer answer;
        if (token is null || method is null)
        {
            answer = Answer.Fail(404, "Not Found");
        }
        else if (!string.Equals(token, Token, StringComparison.Ordinal))
        {
            answer = Answer.Fail(401, "Unauthorized");
        }
        else if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            if (failure.Drop)
            {
                call.Status = -1;
                Notify(call);
                context.Abort();
                return;
            }

            answer = Answer.Fail(failure.ErrorCode, failure.Description, failure.RetryAfter, failure.MigrateToChatId);
        }
        else
        {
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                answer = await DispatchAsync(method, call, linked.Token);
            }
            catch (OperationCanceledException)
            {
                call.Status = -1;
                return; // the client went away (or the server stops) while a long poll was held
            }
        }

        call.Status = answer.Status;
        call.Description = answer.Ok ? null : answer.Description;
        Notify(call);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        try
        {
            await context.Response.WriteAsync(answer.ToJson(), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client is gone
        }
    }

    private void Record(TelegramCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }

        Notify(call);
    }

    /// <summary>Wakes the waiters a call now matches (on arrival, and again once it is answered).</summary>
    private void Notify(TelegramCall call)
    {
        lock (_gate)
        {
            for (var i = _callWaiters.Count - 1; i >= 0; i--)
            {
                if (_callWaiters[i].Match(call))
                {
                    _callWaiters[i].Done.TrySetResult(call);
                    _callWaiters.RemoveAt(i);
                }
            }
        }
    }

    private Task<Answer> DispatchAsync(string method, TelegramCall call, CancellationToken cancellationToken) =>
        method.ToLowerInvariant() switch
        {
            "getupdates" => GetUpdatesAsync(call, cancellationToken),
            "getme" => Task.FromResult(Answer.Success(BotUser())),
            "setwebhook" => Task.FromResult(SetWebhook(call.Parameters)),
            "deletewebhook" => Task.FromResult(DeleteWebhook(call.Parameters)),
            "getwebhookinfo" => Task.FromResult(GetWebhookInfo()),
            "sendmessage" => Task.FromResult(SendMessage(call.Parameters)),
            "sendphoto" => Task.FromResult(SendPhoto(call)),
            "editmessagetext" => Task.FromResult(EditMessageText(call.Parameters)),
            "deletemessage" => Task.FromResult(DeleteMessage(call.Parameters)),
            "answercallbackquery" => Task.FromResult(AnswerCallbackQuery(call.Parameters)),
            "getchatmember" => Task.FromResult(GetChatMember(call.Parameters)),
            "sendchataction" => Task.FromResult(SendChatAction(call.Parameters)),
            "setmycommands" => Task.FromResult(SetMyCommands(call.Parameters)),
            "getmycommands" => Task.FromResult(GetMyCommands(call.Parameters)),
            "deletemycommands" => Task.FromResult(DeleteMyCommands(call.Parameters)),
            _ => Task.FromResult(Answer.Fail(404, "Not Found")),
        };

    /// <summary><c>/bot&lt;token&gt;/&lt;method&gt;</c> → (token, method); nulls when the path has another shape.</summary>
    private static (string? Token, string? Method) SplitPath(string path)
    {
        if (!path.StartsWith("/bot", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var slash = path.IndexOf('/', 4);
        if (slash < 0 || slash == path.Length - 1)
        {
            return (path[4..], null);
        }

        var method = path[(slash + 1)..];
        return method.Contains('/', StringComparison.Ordinal) ? (null, null) : (path[4..slash], method);
    }

    private static async Task<(string Body, JsonObject Parameters, List<TelegramUpload> Uploads)> ReadParametersAsync(HttpContext context)
    {
        var request = context.Request;
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = ParseFormValue(value.ToString());
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in form)
            {
                parameters[key] = ParseFormValue(value.ToString());
            }

            var uploads = new List<TelegramUpload>();
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, context.RequestAborted);
                uploads.Add(new TelegramUpload(file.Name, file.FileName, file.ContentType, content.ToArray()));
            }

            return (string.Join("&", form.Select(f => f.Key + "=" + f.Value)), parameters, uploads);
        }

        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        if (body.Length > 0)
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject json)
                {
                    foreach (var (key, value) in json.ToList())
                    {
                        json.Remove(key);
                        parameters[key] = value;
                    }
                }
            }
            catch (JsonException)
            {
                // Telegram ignores a body it cannot read; the method then sees missing parameters
            }
        }

        return (body, parameters, []);
    }

    private static JsonNode? ParseFormValue(string value)
    {
        if (value.StartsWith('{') || value.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
            }
        }

        return JsonValue.Create(value);
    }

    /// <summary>A number, or a string holding one (Telegram accepts both).</summary>
    public static long? ReadLong(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var p) => p,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) => n,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.String && long.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var q) => q,
        _ => null,
    };

    private static bool ReadBool(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => string.Equals(s, "true", StringComparison.OrdinalIgnoreCase),
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.ValueKind is JsonValueKind.True => true,
        _ => false,
    };

    private static string? ReadString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : node is JsonValue e && e.TryGetValue<JsonElement>(out var el) && el.ValueKind == JsonValueKind.String ? el.GetString() : null;

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>An envelope: <c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error_code":…,"description":…,"parameters":…}</c>.</summary>
    private sealed record Answer(int Status, bool Ok, JsonNode? Result, string? Description, int? RetryAfter = null, long? MigrateToChatId = null)
    {
        public static Answer Success(JsonNode? result, string? description = null) => new(200, true, result ?? JsonValue.Create(true), description);

        public static Answer Fail(int code, string description, int? retryAfter = null, long? migrateTo = null) =>
            new(code, false, null, description, retryAfter, migrateTo);

        public static Answer BadRequest(string detail) => Fail(400, "Bad Request: " + detail);

        public string ToJson()
        {
            var json = new JsonObject { ["ok"] = Ok };
            if (Ok)
            {
                json["result"] = Result;
                if (Description is not null)
                {
                    json["description"] = Description;
                }
            }
            else
            {
                json["error_code"] = Status;
                json["description"] = Description;
                if (RetryAfter is not null || MigrateToChatId is not null)
                {
                    var parameters = new JsonObject();
                    if (RetryAfter is int retry)
                    {
                        parameters["retry_after"] = retry;
                    }

                    if (MigrateToChatId is long migrate)
                    {
                        parameters["migrate_to_chat_id"] = migrate;
                    }

                    json["parameters"] = parameters;
                }
            }

            return json.ToJsonString(JsonOptions);
        }
    }
}
