using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Telegram.Tests.Fakes;

/// <summary>The fake keeps to the Bot API's published rules, so tests against it mean something.</summary>
public sealed class FakeTelegramServerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly HttpClient _http = new();
    private FakeTelegramServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeTelegramServer.StartAsync(timeProvider: _time, cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WrongToken_401UnauthorizedEnvelope()
    {
        var (status, json) = await CallAsync("sendMessage", "{\"chat_id\":1,\"text\":\"x\"}", token: "1:AAnotthetoken");

        Assert.Equal(401, status);
        Assert.Equal("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}", json.ToJsonString());
    }

    [Fact]
    public async Task MethodNames_CaseInsensitive_UnknownMethod404()
    {
        var (ok, json) = await CallAsync("SENDMESSAGE", "{\"chat_id\":42,\"text\":\"hi\"}");
        var (unknown, _) = await CallAsync("sendMessages", "{}");

        Assert.Equal(200, ok);
        Assert.Equal(1, json["result"]!["message_id"]!.GetValue<int>());
        Assert.Equal("private", json["result"]!["chat"]!["type"]!.GetValue<string>());
        Assert.Equal(404, unknown);
    }

    [Fact]
    public async Task FormAndQueryParameters_Parsed()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = "42", ["text"] = "<b>x</b>", ["parse_mode"] = "HTML" });
        using var response = await _http.PostAsync(new Uri(_server.BaseUrl, $"/bot{_server.Token}/sendMessage"), form, Ct);
        using var get = await _http.GetAsync(new Uri(_server.BaseUrl, $"/bot{_server.Token}/sendChatAction?chat_id=42&action=typing"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("x", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["result"]!["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Theory]
    [InlineData("<b>bold", "Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<script>x</script>", "Unsupported start tag \"script\" at byte offset 0")]
    [InlineData("<b><i>x</b></i>", "Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"")]
    [InlineData("é <foo>", "Unsupported start tag \"foo\" at byte offset 3")]
    public async Task Html_Malformed_400CantParseEntities(string text, string problem)
    {
        var (status, json) = await CallAsync("sendMessage", new JsonObject { ["chat_id"] = 42, ["text"] = text, ["parse_mode"] = "Html" }.ToJsonString());

        Assert.Equal(400, status);
        Assert.Equal("Bad Request: can't parse entities: " + problem, json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Length_CountedAfterEntityParsing()
    {
        var fits = "<b>" + new string('a', 4095) + "</b>&amp;"; // 4096 characters once parsed
        var (ok, _) = await CallAsync("sendMessage", new JsonObject { ["chat_id"] = 42, ["text"] = fits, ["parse_mode"] = "HTML" }.ToJsonString());
        var (tooLong, json) = await CallAsync("sendMessage", new JsonObject { ["chat_id"] = 42, ["text"] = new string('a', 4097) }.ToJsonString());

        Assert.Equal(200, ok);
        Assert.Equal(400, tooLong);
        Assert.Equal("Bad Request: message is too long", json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task CallbackDataOver64Bytes_Rejected()
    {
        var markup = new JsonObject { ["inline_keyboard"] = new JsonArray(new JsonArray(new JsonObject { ["text"] = "x", ["callback_data"] = new string('é', 33) })) };

        var (status, json) = await CallAsync("sendMessage", new JsonObject { ["chat_id"] = 42, ["text"] = "x", ["reply_markup"] = markup }.ToJsonString());

        Assert.Equal(400, status);
        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetUpdates_OffsetConfirmsEarlierUpdates()
    {
        var a = _server.EnqueuePrivateMessage(42, "a");
        var b = _server.EnqueuePrivateMessage(42, "b");

        var (_, all) = await CallAsync("getUpdates", "{\"timeout\":0}");
        var (_, again) = await CallAsync("getUpdates", "{\"timeout\":0}");
        var (_, afterA) = await CallAsync("getUpdates", $"{{\"offset\":{a + 1},\"timeout\":0}}");
        var (_, fromZero) = await CallAsync("getUpdates", "{\"timeout\":0}");

        Assert.Equal([a, b], Ids(all));
        Assert.Equal([a, b], Ids(again)); // not confirmed yet: delivered again
        Assert.Equal([b], Ids(afterA));
        Assert.Equal([b], Ids(fromZero)); // a was confirmed by the offset
    }

    [Fact]
    public async Task GetUpdates_NegativeOffsetKeepsTheLastN_LimitHonoured()
    {
        _server.EnqueuePrivateMessage(42, "a");
        var b = _server.EnqueuePrivateMessage(42, "b");
        var c = _server.EnqueuePrivateMessage(42, "c");

        var (_, lastTwo) = await CallAsync("getUpdates", "{\"offset\":-2,\"limit\":1,\"timeout\":0}");
        var (_, rest) = await CallAsync("getUpdates", "{\"timeout\":0}");

        Assert.Equal([b], Ids(lastTwo));
        Assert.Equal([b, c], Ids(rest));
    }

    [Fact]
    public async Task GetUpdates_AllowedUpdates_OthersDropped()
    {
        _server.EnqueueEditedMessage(42, 1, 42, "edit");
        var message = _server.EnqueuePrivateMessage(42, "m");

        var (_, json) = await CallAsync("getUpdates", "{\"timeout\":0,\"allowed_updates\":[\"message\"]}");

        Assert.Equal([message], Ids(json));
    }

    [Fact]
    public async Task GetUpdates_HeldUntilAnUpdateArrives()
    {
        var held = CallAsync("getUpdates", "{\"timeout\":30}");
        await _server.WaitForCallAsync("getUpdates");
        Assert.False(held.IsCompleted);

        var id = _server.EnqueuePrivateMessage(42, "late");
        var (status, json) = await held.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(200, status);
        Assert.Equal([id], Ids(json));
    }

    [Fact]
    public async Task GetUpdates_HeldUntilTheTimeoutOnTheFakeClock()
    {
        var held = CallAsync("getUpdates", "{\"timeout\":30}");
        await _server.WaitForHeldPollAsync(); // its timer is set on the fake clock
        _time.Advance(TimeSpan.FromSeconds(29));
        var early = await _server.WaitForHeldPollAsync(); // a second short of the timeout: still held, nothing answered
        Assert.Equal(0, early.Status);

        _time.Advance(TimeSpan.FromSeconds(1));
        var (status, json) = await held.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(200, status);
        Assert.Empty(Ids(json));
    }

    [Fact]
    public async Task GetUpdates_SecondPoller_FirstTerminatedWith409()
    {
        var first = CallAsync("getUpdates", "{\"timeout\":30}");
        await _server.WaitForCallAsync("getUpdates");
        var second = CallAsync("getUpdates", "{\"timeout\":30}");

        var (status, json) = await first.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        _server.EnqueuePrivateMessage(42, "x");
        var (secondStatus, _) = await second.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(409, status);
        Assert.Equal("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", json["description"]!.GetValue<string>());
        Assert.Equal(200, secondStatus);
    }

    [Fact]
    public async Task GetUpdates_WhileWebhookSet_409()
    {
        var (set, _) = await CallAsync("setWebhook", "{\"url\":\"https://bot.example.com/tg\",\"secret_token\":\"abc\"}");
        var (status, json) = await CallAsync("getUpdates", "{\"timeout\":0}");
        var (plainHttp, refused) = await CallAsync("setWebhook", "{\"url\":\"http://bot.example.com/tg\"}");

        Assert.Equal(200, set);
        Assert.Equal(409, status);
        Assert.StartsWith("Conflict: can't use getUpdates method while webhook is active", json["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, plainHttp);
        Assert.Equal("Bad Request: bad webhook: An HTTPS URL must be provided for webhook", refused["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScriptedFailures_429CarriesRetryAfter_MigrationCarriesNewChat()
    {
        _server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(7));
        _server.MigrateGroup(-5, -1005000000000);

        var (status, json) = await CallAsync("sendMessage", "{\"chat_id\":42,\"text\":\"x\"}");
        var (migrated, moved) = await CallAsync("sendMessage", "{\"chat_id\":-5,\"text\":\"x\"}");

        Assert.Equal(429, status);
        Assert.Equal("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}", json.ToJsonString());
        Assert.Equal(400, migrated);
        Assert.Equal(-1005000000000, moved["parameters"]!["migrate_to_chat_id"]!.GetValue<long>());
    }

    private static int[] Ids(JsonNode json) => [.. json["result"]!.AsArray().Select(u => u!["update_id"]!.GetValue<int>())];

    private async Task<(int Status, JsonNode Json)> CallAsync(string method, string body, string? token = null)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_server.BaseUrl, $"/bot{token ?? _server.Token}/{method}"), content, Ct);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!);
    }
}
