using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Telegram.Tests.Adapter;
using ChatOpsBot.Telegram.Webhook;
using ChatOpsBot.Testing.Fuzz;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Telegram.Tests.Fuzz;

/// <summary>
/// Malformed Telegram updates (messages, edits, photos, button presses, membership changes; fields missing, wrong
/// types, huge strings, deep nesting, text that is not JSON, update kinds the bot never asked for, a key in a group
/// photo's caption) posted to the real webhook endpoint with the right secret and handled by the real adapter.
/// Invariant: always answered 200 (Telegram repeats anything else, holding up the updates after it; what cannot be
/// read is dropped), no Error log, no key or token in any request, log or answer, the bot still answers afterwards.
/// Small in CI; <c>CHATOPSBOT_FUZZ_ITERATIONS</c> for more.
/// </summary>
public sealed class TelegramUpdateFuzzTests
{
    private const string Secret = "fuzz_Secret-1";

    [Fact]
    public async Task Malformed_updates_get_a_friendly_reply_or_silence_and_never_crash_the_bot()
    {
        await using var bot = await AdapterHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.com/hooks/telegram",
            ["Telegram:WebhookSecretToken"] = Secret,
            ["Telegram:WebhookPath"] = "/hooks/telegram",
            ["Telegram:WebhookListenUrl"] = "http://127.0.0.1:0",
            ["Telegram:WebhookAnswerWithin"] = "00:00:00.200",
        });
        await bot.AnsweredAsync("setWebhook", _ => true);
        var endpoint = new Uri(bot.Host.Services.GetRequiredService<TelegramWebhookServer>().Address!, "/hooks/telegram");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var pasted = ChatOpsBot.Testing.TestKeys.OpenAIProject();
        bot.Secrets.Add(pasted);
        JsonObject[] seeds = [.. Seeds(pasted)];
        var fuzz = new JsonFuzzer(seed: 1213);
        var cases = JsonFuzzer.Iterations(ci: 150);
        var statuses = new List<string>();

        foreach (var seed in seeds)
        {
            statuses.Add(await PostAsync(http, endpoint, seed.ToJsonString()));
        }

        for (var i = 0; i < cases; i++)
        {
            var body = fuzz.Mutate(seeds[fuzz.Next(seeds.Length)]);
            statuses.Add(await PostAsync(http, endpoint, body));
        }

        bot.Server.EnqueuePrivateMessage(9, "/help");
        Assert.Equal([200], await bot.Server.DeliverToWebhookAsync(http, endpoint, secretOverride: Secret, cancellationToken: TestContext.Current.CancellationToken));
        await bot.TextAsync("sendMessage", 9, "/diagnose");

        Assert.All(statuses, s => Assert.StartsWith("200 ", s, StringComparison.Ordinal));
        var errors = bot.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(r => $"{r.Category}: {r.Message} {r.Exception?.GetType().Name} {r.Exception?.Message}")));
        bot.AssertNothingLeaked();
    }

    /// <summary>The status and, for a failure, the start of the body sent: "200 " when all is well.</summary>
    private static async Task<string> PostAsync(HttpClient http, Uri endpoint, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(TelegramWebhookEndpoint.SecretHeader, Secret);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (int)response.StatusCode + " " + answer + (response.IsSuccessStatusCode ? "" : " for " + body[..Math.Min(body.Length, 300)]);
    }

    private static IEnumerable<JsonObject> Seeds(string pastedKey)
    {
        static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "U" };
        static JsonObject Chat(long id, string type) => type == "private"
            ? new JsonObject { ["id"] = id, ["type"] = type, ["first_name"] = "U" }
            : new JsonObject { ["id"] = id, ["type"] = type, ["title"] = "Team" };
        static JsonObject Message(long chat, string type, string? text, int id = 5) => new()
        {
            ["message_id"] = id,
            ["date"] = 1_790_000_000,
            ["chat"] = Chat(chat, type),
            ["from"] = User(chat > 0 ? chat : 7),
            ["text"] = text,
            ["entities"] = text is not null && text.StartsWith('/') ? new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.IndexOf(' ', StringComparison.Ordinal) is var n and > 0 ? n : text.Length }) : null,
        };

        yield return new JsonObject { ["update_id"] = 100, ["message"] = Message(7, "private", "/help") };
        yield return new JsonObject { ["update_id"] = 101, ["message"] = Message(-4001, "group", "/diagnose@chatops_test_bot claude") };
        yield return new JsonObject { ["update_id"] = 102, ["message"] = Message(7, "private", "hello there") };
        yield return new JsonObject { ["update_id"] = 103, ["edited_message"] = Message(-4001, "group", "edited text") };
        var photo = Message(7, "private", null);
        photo["photo"] = new JsonArray(new JsonObject { ["file_id"] = "f", ["file_unique_id"] = "u", ["width"] = 90, ["height"] = 90 });
        photo["caption"] = "a caption";
        yield return new JsonObject { ["update_id"] = 104, ["message"] = photo };
        yield return new JsonObject
        {
            ["update_id"] = 105,
            ["callback_query"] = new JsonObject { ["id"] = "cq1", ["from"] = User(7), ["chat_instance"] = "ci", ["data"] = "details:abc", ["message"] = Message(7, "private", "a result", 3) },
        };
        var exposed = Message(-4001, "supergroup", null, id: 8);
        exposed["photo"] = new JsonArray(new JsonObject { ["file_id"] = "f", ["file_unique_id"] = "u", ["width"] = 90, ["height"] = 90 });
        exposed["caption"] = "our prod key: " + pastedKey;
        yield return new JsonObject { ["update_id"] = 107, ["message"] = exposed };
        yield return new JsonObject { ["update_id"] = 108, ["message"] = Message(7, "private", "/diagnose " + new string('x', 4096)) };
        yield return new JsonObject
        {
            ["update_id"] = 109,
            ["message_reaction"] = new JsonObject
            {
                ["chat"] = Chat(-4001, "group"), ["message_id"] = 5, ["user"] = User(7), ["date"] = 1_790_000_000,
                ["old_reaction"] = new JsonArray(), ["new_reaction"] = new JsonArray(new JsonObject { ["type"] = "emoji", ["emoji"] = "👍" }),
            },
        };
        yield return new JsonObject { ["update_id"] = 110, ["some_future_update"] = new JsonObject { ["id"] = 1, ["text"] = pastedKey } };
        yield return new JsonObject
        {
            ["update_id"] = 106,
            ["my_chat_member"] = new JsonObject
            {
                ["chat"] = Chat(-4001, "group"), ["from"] = User(7), ["date"] = 1_790_000_000,
                ["old_chat_member"] = new JsonObject { ["status"] = "left", ["user"] = User(1) },
                ["new_chat_member"] = new JsonObject { ["status"] = "member", ["user"] = User(1) },
            },
        };
    }
}
