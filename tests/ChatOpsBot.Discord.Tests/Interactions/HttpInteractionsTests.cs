using System.Text.Json.Nodes;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Tests.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;

namespace ChatOpsBot.Discord.Tests.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c> end to end: the fake Discord signs each request with its own Ed25519 key pair and
/// posts it to the endpoint, which feeds the same adapter as the gateway; the answer in the HTTP response is applied by
/// the fake as Discord applies it. Bad signatures and stale timestamps get 401 with nothing run.
/// </summary>
public sealed class HttpInteractionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<AdapterHarness> StartAsync(bool useGateway = false) => AdapterHarness.StartAsync(settings: (s, fake) =>
    {
        s["Discord:PublicKey"] = fake.PublicKeyHex;
        s["Discord:UseGateway"] = useGateway ? "true" : "false";
    });

    [Fact]
    public async Task Ping_IsAnsweredWithPong()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient();

        var post = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, h.Fake.Ping(), unixSeconds: Now(h), cancellationToken: Ct);

        Assert.Equal(200, post.Status);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"type":1}""", post.Body);
    }

    [Theory]
    [InlineData(FakeSignature.Missing)]
    [InlineData(FakeSignature.WrongKey)]
    [InlineData(FakeSignature.TamperedBody)]
    public async Task BadSignature_Is401_AndNothingRuns(FakeSignature signature)
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient();
        var callsBefore = h.Fake.Calls.Count;

        var ping = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, h.Fake.Ping(), signature, Now(h), Ct);
        var command = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)), signature, Now(h), Ct);

        Assert.Equal(401, ping.Status);
        Assert.Equal(401, command.Status);
        Assert.Equal("", command.Body);
        Assert.Empty(command.Interaction!.Callbacks);
        Assert.Equal(callsBefore, h.Fake.Calls.Count); // nothing reached Discord's REST
        Assert.Empty(h.Gemini.Requests); // nothing was diagnosed
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task StaleTimestamp_ValidlySigned_Is401(int offsetSeconds)
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient();

        var post = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, h.Slash("help", AdapterHarness.Guild), FakeSignature.Valid, Now(h) + offsetSeconds, Ct);

        Assert.Equal(401, post.Status);
        Assert.Empty(post.Interaction!.Callbacks);
    }

    [Fact]
    public async Task Diagnose_WithoutAGateway_DefersInTheAnswer_ThenEditsOverRest()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        await using var lag = h.AdvanceWaits(InteractionReplySink.AnswerLagReason); // should Discord take the answer late
        using var http = new HttpClient();

        var post = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint,
            h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)), unixSeconds: Now(h), cancellationToken: Ct);
        var embed = await h.FinalEmbedAsync(post.Interaction!);

        Assert.Equal(200, post.Status);
        Assert.Equal(5, (int)post.Answer!["type"]!);
        Assert.Equal(204, post.AnswerStatus); // the fake Discord took the answer as the interaction's response
        Assert.True(post.Elapsed < TimeSpan.FromSeconds(3), $"answered after {post.Elapsed}");
        Assert.Equal([5], post.Interaction!.Callbacks);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        Assert.DoesNotContain(h.Fake.Calls, c => c.Path.EndsWith("/callback", StringComparison.Ordinal)); // the answer was the HTTP response
        Assert.Empty(h.Fake.Connections); // and no gateway was opened
        h.AssertEveryMessageSafe();
        h.AssertNothingLeaked();
        LeakAssert.NoSecret(post.Body, h.TeamKey, h.UserKey, FakeDiscordOptions.DefaultToken);
    }

    [Fact]
    public async Task FirstEdit_BeforeDiscordTookTheAnswer_IsTriedAgain_AndLands()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient();
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Fake.BeforeTakingAnswer = () => taken.Task;

        var posting = h.Fake.PostInteractionAsync(http, endpoint.Endpoint,
            h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gemini"), ("key", AdapterHarness.TeamKeyName)), unixSeconds: Now(h), cancellationToken: Ct);
        var wait = await h.NextWaitAsync(InteractionReplySink.AnswerLagReason); // the first edit met "Unknown Message"
        taken.SetResult();
        var post = await posting;
        h.Time.Advance(wait);
        var embed = await h.FinalEmbedAsync(post.Interaction!);

        Assert.Equal(InteractionReplySink.AnswerLagRetries[0], wait);
        Assert.Equal(5, (int)post.Answer!["type"]!);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        var edits = h.Fake.Calls.Where(c => c.Method == "PATCH" && c.Path.EndsWith("/messages/@original", StringComparison.Ordinal)).ToList();
        Assert.True(edits.Count >= 2, $"{edits.Count} edit(s)");
        Assert.Equal(404, edits[0].Status);
        h.AssertNothingLeaked();
    }

    [Fact]
    public async Task KeyButton_OpensTheModalInTheAnswer_SubmitIsDiagnosedPrivately()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        await using var lag = h.AdvanceWaits(InteractionReplySink.AnswerLagReason); // should Discord take the answer late
        using var http = new HttpClient();

        var press = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, h.Fake.ButtonPress("enter-key:gemini", guildId: AdapterHarness.Guild), unixSeconds: Now(h), cancellationToken: Ct);
        var submit = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint,
            h.Fake.ModalSubmit("key-modal:gemini", "key", h.UserKey, guildId: AdapterHarness.Guild), unixSeconds: Now(h), cancellationToken: Ct);
        var embed = await h.FinalEmbedAsync(submit.Interaction!);

        Assert.Equal(9, (int)press.Answer!["type"]!);
        Assert.Equal("key-modal:gemini", (string?)press.Answer["data"]!["custom_id"]);
        Assert.Equal(204, press.AnswerStatus);
        Assert.Equal(5, (int)submit.Answer!["type"]!);
        Assert.Equal(64, (int)submit.Answer["data"]!["flags"]!);
        Assert.Equal("code: auth.invalid_key", (string?)embed["footer"]!["text"]);
        h.AssertNothingLeaked();
        LeakAssert.NoSecret(press.Body + submit.Body, h.TeamKey, h.UserKey, FakeDiscordOptions.DefaultToken);
    }

    [Fact]
    public async Task Autocomplete_ChoicesComeInTheAnswer()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient();
        var payload = h.Slash("diagnose", AdapterHarness.Guild, ("provider", "gem"));
        payload["type"] = 4;
        payload["data"]!["options"]![0]!["focused"] = true;

        var post = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, payload, unixSeconds: Now(h), cancellationToken: Ct);

        Assert.Equal(200, post.Status);
        Assert.Equal(8, (int)post.Answer!["type"]!);
        Assert.IsType<JsonArray>(post.Answer["data"]!["choices"]);
        Assert.Equal(204, post.AnswerStatus);
    }

    [Fact]
    public async Task Garbage_SignedCorrectly_Is400_AndOversized_Is413()
    {
        await using var h = await StartAsync();
        await using var endpoint = await InteractionsEndpointHost.StartAsync(h.Host.Services);
        using var http = new HttpClient();

        var noToken = new JsonObject { ["type"] = 2, ["id"] = "1", ["application_id"] = "2" };
        var bad = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, noToken, unixSeconds: Now(h), cancellationToken: Ct);
        var huge = h.Fake.Ping();
        huge["padding"] = new string('x', 2 << 20);
        var big = await h.Fake.PostInteractionAsync(http, endpoint.Endpoint, huge, unixSeconds: Now(h), cancellationToken: Ct);

        Assert.Equal(400, bad.Status);
        Assert.Equal(413, big.Status);
    }

    [Fact]
    public async Task WithoutAGateway_CommandsAreRegisteredOverRestAtStart()
    {
        await using var h = await StartAsync();

        Assert.Contains(h.Fake.Calls, c => c.Method == "GET" && c.Path.EndsWith("/users/@me", StringComparison.Ordinal));
        Assert.True(h.Fake.Commands.ContainsKey("global"));
        Assert.Empty(h.Fake.Connections);
    }

    private static long Now(AdapterHarness h) => h.Time.GetUtcNow().ToUnixTimeSeconds();
}
