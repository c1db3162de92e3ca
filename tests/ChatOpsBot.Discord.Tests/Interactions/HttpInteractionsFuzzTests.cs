using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Tests.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Fuzz;

namespace ChatOpsBot.Discord.Tests.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c> with a valid signature and garbage inside: seeded mutations of real interaction
/// shapes (commands, buttons, modals, autocomplete, in a guild and in a DM) and hand-picked oddities. Discord expects a
/// valid interaction response or a 4xx: every answer must be 200 with a known callback type, or 400, and come at once
/// (the fake clock is never moved, so an answer that waits for the endpoint's deadline never comes); never a 500, never
/// a key or the token in an answer, a log line or a request to Discord. Small in CI; <c>CHATOPSBOT_FUZZ_ITERATIONS</c>
/// for a longer run.
/// </summary>
public sealed class HttpInteractionsFuzzTests
{
    /// <summary>Real time for one answer: a safety net, not a pace (an answer needs no network).</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(10);

    private static readonly int[] CallbackTypes = [4, 5, 6, 7, 8, 9];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<AdapterHarness> StartAsync() => AdapterHarness.StartAsync(settings: (s, fake) =>
    {
        s["Discord:PublicKey"] = fake.PublicKeyHex;
        s["Discord:UseGateway"] = "false";
    });

    [Fact]
    public async Task MutatedInteractions_SignedCorrectly_AreAnsweredOr400_AtOnce_AndLeakNothing()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        JsonObject[] seeds =
        [
            h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)),
            h.Slash("diagnose", null, ("provider", h.UserKey)),
            AdapterHarness.WithRoles(h.Fake.ButtonPress("enter-key:gemini", guildId: AdapterHarness.Guild), AdapterHarness.TeamRole),
            h.Fake.ModalSubmit("key-modal:gemini", "key", h.UserKey, guildId: AdapterHarness.Guild),
            Autocomplete(h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gem"))),
        ];
        var failures = new List<string>();
        var iterations = JsonFuzzer.Iterations(ci: 30);

        for (var s = 0; s < seeds.Length; s++)
        {
            var fuzzer = new JsonFuzzer(seed: 1000 + s);
            for (var i = 0; i < iterations; i++)
            {
                var body = fuzzer.Mutate(seeds[s]);

                var problem = await PostAsync(h, endpoint, http, body);
                if (problem is not null)
                {
                    failures.Add($"seed {s}, case {i}: {problem}; body: {Shorten(body)}");
                }
            }
        }

        failures.AddRange(Crashes(h));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        h.AssertNothingLeaked();
    }

    public static TheoryData<string> Oddities => new()
    {
        "unknown type number",
        "member with no user",
        "neither member nor user",
        "button never issued",
        "modal with unexpected components",
        "modal with no components",
        "autocomplete for an unknown command",
        "option value of a million characters",
        "NUL and a lone surrogate in the command name",
        "lone surrogate in an option value",
        "lone surrogate in the token",
        "options not an array",
        "data a string",
        "nested 5000 deep",
        "the key as a custom_id",
    };

    [Theory]
    [MemberData(nameof(Oddities))]
    public async Task Oddity_SignedCorrectly_IsAnsweredOr400_AtOnce_AndLeaksNothing(string oddity)
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var body = Oddity(h, oddity);

        var problem = await PostAsync(h, endpoint, http, body);

        Assert.Null(problem);
        Assert.Empty(Crashes(h));
        h.AssertNothingLeaked();
    }

    private static string Oddity(AdapterHarness h, string oddity)
    {
        var slash = h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName));
        switch (oddity)
        {
            case "unknown type number":
                slash["type"] = 99;
                return slash.ToJsonString();
            case "member with no user":
                slash["member"]!.AsObject().Remove("user");
                return slash.ToJsonString();
            case "neither member nor user":
                slash.Remove("member");
                slash.Remove("user");
                return slash.ToJsonString();
            case "button never issued":
                return AdapterHarness.WithRoles(h.Fake.ButtonPress("zz-never-issued:" + new string('x', 90), guildId: AdapterHarness.Guild), AdapterHarness.TeamRole).ToJsonString();
            case "modal with unexpected components":
                var modal = h.Fake.ModalSubmit("key-modal:gemini", "key", h.UserKey, guildId: AdapterHarness.Guild);
                modal["data"]!["components"] = new JsonArray(
                    new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "other", ["value"] = h.UserKey }) },
                    new JsonObject { ["type"] = 18, ["component"] = new JsonObject { ["type"] = 3, ["custom_id"] = "key", ["values"] = new JsonArray("a", 1, null) } },
                    new JsonObject { ["type"] = 42 },
                    "not a component");
                return modal.ToJsonString();
            case "modal with no components":
                var empty = h.Fake.ModalSubmit("key-modal:gemini", "key", "", guildId: AdapterHarness.Guild);
                empty["data"]!.AsObject().Remove("components");
                return empty.ToJsonString();
            case "autocomplete for an unknown command":
                return Autocomplete(h.Slash("no-such-command", AdapterHarness.Guild, ("whatever", "x"))).ToJsonString();
            case "option value of a million characters":
                return h.Slash("diagnose", AdapterHarness.Guild, ("provider", new string('g', 900_000))).ToJsonString();
            case "NUL and a lone surrogate in the command name":
                return slash.ToJsonString().Replace("\"diagnose\"", "\"diag\\u0000nose\\ud800\"", StringComparison.Ordinal);
            case "lone surrogate in an option value":
                return slash.ToJsonString().Replace("\"gemini\"", "\"gem\\udc00ini\"", StringComparison.Ordinal);
            case "lone surrogate in the token":
                var token = (string)slash["token"]!;
                return slash.ToJsonString().Replace(token, token + "\\ud83d", StringComparison.Ordinal);
            case "options not an array":
                slash["data"]!["options"] = new JsonObject { ["name"] = "provider", ["value"] = "gemini" };
                return slash.ToJsonString();
            case "data a string":
                slash["data"] = "diagnose";
                return slash.ToJsonString();
            case "nested 5000 deep":
                return slash.ToJsonString().Replace("\"gemini\"", new string('[', 5000) + new string(']', 5000), StringComparison.Ordinal);
            case "the key as a custom_id":
                return AdapterHarness.WithRoles(h.Fake.ButtonPress(h.UserKey, guildId: AdapterHarness.Guild), AdapterHarness.TeamRole).ToJsonString();
            default:
                throw new ArgumentOutOfRangeException(nameof(oddity), oddity, null);
        }
    }

    /// <summary>Posts one signed body; null when the answer is acceptable, else what was wrong with it.</summary>
    private static async Task<string?> PostAsync(AdapterHarness h, InteractionsEndpointHost endpoint, HttpClient http, string body)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(AnswerBound);
        (int Status, string? ContentType, string Body) answer;
        try
        {
            answer = await h.Fake.PostSignedAsync(http, endpoint.Endpoint, body, h.Time.GetUtcNow().ToUnixTimeSeconds(), bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !Ct.IsCancellationRequested)
        {
            return $"no answer within {AnswerBound.TotalSeconds:0} s (it waited for the endpoint's deadline: the handler never answered)";
        }

        LeakAssert.NoSecret(answer.Body, h.TeamKey, h.UserKey, Testing.Discord.FakeDiscordOptions.DefaultToken);
        if (answer.Status == 400)
        {
            return null;
        }

        if (answer.Status != 200)
        {
            return $"HTTP {answer.Status} ({Shorten(answer.Body)})";
        }

        try
        {
            var json = JsonNode.Parse(answer.Body) as JsonObject;
            return json?["type"] is JsonValue v && v.TryGetValue<int>(out var type) && CallbackTypes.Contains(type)
                ? null
                : $"200 without a known callback type: {Shorten(answer.Body)}";
        }
        catch (JsonException)
        {
            return $"200 that is not JSON: {Shorten(answer.Body)}";
        }
    }

    /// <summary>Handlers that threw what nobody foresaw (the adapter's "failed unexpectedly" line), with the exception's type and message.</summary>
    private static IEnumerable<string> Crashes(AdapterHarness h) => h.Logs.Collector.GetSnapshot()
        .Where(r => r.Message.Contains("failed unexpectedly", StringComparison.Ordinal))
        .Select(r => $"a handler crashed: {r.Exception?.GetType().Name}: {r.Exception?.Message}");

    private static JsonObject Autocomplete(JsonObject slash)
    {
        slash["type"] = 4;
        slash["data"]!["options"]![0]!["focused"] = true;
        return slash;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} chars)";
}
