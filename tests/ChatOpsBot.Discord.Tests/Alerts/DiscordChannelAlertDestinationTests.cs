using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Alerts;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Discord.Tests.Alerts;

public sealed class DiscordChannelAlertDestinationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(DiscordHarness H, DiscordChannelAlertDestination Sut)> StartAsync(Action<Dictionary<string, string?>, FakeDiscordServer>? client = null)
    {
        var h = await DiscordHarness.StartAsync(client: client, services: s => s.AddDiscordAlertDestinations());
        var sut = h.Services.GetServices<IAlertDestination>().OfType<DiscordChannelAlertDestination>().Single();
        return (h, sut);
    }

    private static AlertDelivery Delivery(ulong channel, int attempt = 1, string key = "alert-42-to-1") =>
        new(channel.ToString(CultureInfo.InvariantCulture), AlertSamples.Failing(), key, attempt);

    private static void AssertNoLeak(DiscordHarness h, params string?[] outputs)
    {
        h.AssertNoTokenLeaked(outputs);
        LeakAssert.NoSecret(h.AllLogs(), AlertSamples.Key);
        foreach (var output in outputs)
        {
            LeakAssert.NoSecret(output, AlertSamples.Key);
        }

        foreach (var call in h.Fake.Calls)
        {
            LeakAssert.NoSecret(call.Body, AlertSamples.Key);
        }
    }

    [Fact]
    public async Task Deliver_PostsRedEmbedWithCodeFooter_NoMentions_NonceEnforced()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);

        var result = await sut.DeliverAsync(Delivery(channel), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var call = Assert.Single(h.Fake.Calls, c => c.Method == "POST");
        var body = call.Json!;
        Assert.Equal($"/channels/{channel}/messages", call.Path);
        Assert.Equal("""{"parse":[]}""", body["allowed_mentions"]!.ToJsonString());
        Assert.True((bool)body["enforce_nonce"]!);
        Assert.Equal(DiscordChannelAlertDestination.Nonce("alert-42-to-1", channel), (string?)body["nonce"]);
        Assert.Equal(25, ((string)body["nonce"]!).Length);
        var embed = body["embeds"]![0]!;
        Assert.Equal(DiscordReplyRenderer.ErrorColor, (int)embed["color"]!);
        Assert.Equal("code: auth.invalid_key", (string?)embed["footer"]!["text"]);
        Assert.Contains("prod-gemini", embed["description"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("since 02:13 UTC", (string?)body["content"], StringComparison.Ordinal);
        Assert.Null(body["components"]); // no Re-run button: the channel is not where a diagnosis ran
        Assert.Single(h.Fake.Messages);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_FailingThenRecovering_DeliversExactlyOnce()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.FailNext($"POST /channels/{channel}/messages", 3, 503);

        var results = new List<DeliveryResult>();
        for (var attempt = 1; attempt <= 5 && results.LastOrDefault()?.Status != DeliveryStatus.Delivered; attempt++)
        {
            results.Add(await sut.DeliverAsync(Delivery(channel, attempt), Ct));
        }

        Assert.Equal([DeliveryStatus.RetryLater, DeliveryStatus.RetryLater, DeliveryStatus.RetryLater, DeliveryStatus.Delivered], results.Select(r => r.Status));
        Assert.Contains("503", results[0].Problem, StringComparison.Ordinal);
        Assert.Single(h.Fake.Messages);
        AssertNoLeak(h, [.. results.Select(r => r.Problem)]);
    }

    [Fact]
    public async Task Deliver_AnswerLostAfterDiscordPosted_RetryReturnsTheSameMessage()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.DropResponses($"POST /channels/{channel}/messages", 1000);

        var first = await sut.DeliverAsync(Delivery(channel, 1), Ct);
        Assert.Equal(DeliveryStatus.RetryLater, first.Status);
        Assert.Single(h.Fake.Messages); // Discord did post it; the bot could not know
        h.Fake.ClearFaults();

        var second = await sut.DeliverAsync(Delivery(channel, 2), Ct);

        Assert.Equal(DeliveryStatus.Delivered, second.Status);
        Assert.Single(h.Fake.Messages);
        var posts = h.Fake.Calls.Where(c => c.Method == "POST").ToList();
        Assert.True(posts.Count >= 2);
        Assert.Single(posts.Select(p => (string?)p.Json!["nonce"]).Distinct());
        Assert.Equal((string?)JsonNode.Parse(posts[^1].ResponseBody)!["id"], h.Fake.Messages.Keys.Single().ToString(CultureInfo.InvariantCulture));
        AssertNoLeak(h, first.Problem);
    }

    [Fact]
    public async Task Deliver_SameAlertToTwoChannels_PostsInBoth()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var a = h.Fake.AddChannel(guildId: 1);
        var b = h.Fake.AddChannel(guildId: 1);

        var ra = await sut.DeliverAsync(Delivery(a, key: "alert-42"), Ct);
        var rb = await sut.DeliverAsync(Delivery(b, key: "alert-42"), Ct);

        Assert.Equal(DeliveryStatus.Delivered, ra.Status);
        Assert.Equal(DeliveryStatus.Delivered, rb.Status);
        Assert.Equal(2, h.Fake.Messages.Count); // Discord de-duplicates by author + nonce: the channel is folded into the nonce
    }

    [Theory]
    [InlineData(50013, "Missing Permissions")]
    [InlineData(50001, "Missing Access")]
    public async Task Deliver_BotMayNotPost_BlockedNamingWhatToGrantWhere(int code, string name)
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.DenyChannel(channel, code);

        var result = await sut.DeliverAsync(Delivery(channel), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains($"give the bot View Channel, Send Messages and Embed Links in channel <#{channel}>", result.Problem, StringComparison.Ordinal);
        Assert.Contains(name, result.Problem, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Messages);
        // The outbox dispatcher logs a blocked destination once per new problem (with this Problem); the destination
        // itself does not repeat it as an error at every retry.
        Assert.DoesNotContain(h.Logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_UnknownChannel_Blocked()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;

        var result = await sut.DeliverAsync(Delivery(1_400_000_000_000_000_999), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("10003 Unknown Channel", result.Problem, StringComparison.Ordinal);
        Assert.Equal(404, h.Fake.Calls.Single().Status);
    }

    [Fact]
    public async Task Deliver_RateLimited_RetryLaterWithRetryAfter_WithoutWaiting()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.EnqueueRateLimit($"POST /channels/{channel}/messages", 7.25);

        var result = await sut.DeliverAsync(Delivery(channel), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7.25), result.RetryAfter);
        Assert.Single(h.Fake.Calls); // not waited out and retried inside: the outbox owns the schedule
        Assert.Empty(h.Fake.Messages);
    }

    [Fact]
    public async Task Deliver_DiscordUnreachable_RetryLater()
    {
        var (h, sut) = await StartAsync(client: (s, _) => s["Discord:ApiBaseUrl"] = "http://127.0.0.1:1/api/v10");
        await using var _ = h;

        var result = await sut.DeliverAsync(Delivery(1_400_000_000_000_000_123), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("Could not reach Discord", result.Problem, StringComparison.Ordinal);
        AssertNoLeak(h, result.Problem);
    }

    [Theory]
    [InlineData(200, "<html><body>Sign in to the guest Wi-Fi</body></html>", null)]
    [InlineData(200, "{\"id\": \"1\", \"content\": \"plain JSON\"}", "gzip")]
    [InlineData(503, "upstream reset", "br")]
    public async Task Deliver_AnAnswerThatIsNotDiscords_RetryLater_NeverThrows(int status, string body, string? contentEncoding)
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.FailNext($"POST /channels/{channel}/messages", 1, status, body, contentEncoding);

        var result = await sut.DeliverAsync(Delivery(channel), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_NoAnswerWithinTheTimeout_RetryLater()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        h.Fake.HangNext($"POST /channels/{channel}/messages");

        var delivering = sut.DeliverAsync(Delivery(channel), Ct);
        await h.Fake.WaitUntilAsync(() => h.Fake.HangingRequests == 1, "the request held");
        h.ClientTime.Advance(TimeSpan.FromSeconds(30)); // Discord:RestTimeout
        var result = await delivering.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("did not answer in time", result.Problem, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Messages);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_NoDiscordToken_BlockedSayingSo_NothingSent()
    {
        var (h, sut) = await StartAsync(client: (s, _) => s["Discord:Token"] = "");
        await using var _ = h;

        var result = await sut.DeliverAsync(Delivery(1_400_000_000_000_000_123), Ct);

        Assert.False(sut.IsAvailable);
        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("Discord:Token is not set", result.Problem, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Calls);
    }

    [Fact]
    public async Task Deliver_RecoveryNotice_GreenWithCodeOk()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);

        var result = await sut.DeliverAsync(new AlertDelivery(channel.ToString(CultureInfo.InvariantCulture), AlertSamples.Recovered(), "recovery-42", 1), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var embed = h.Fake.Messages.Values.Single()["embeds"]![0]!;
        Assert.Equal(DiscordReplyRenderer.OkColor, (int)embed["color"]!);
        Assert.Equal("code: ok", (string?)embed["footer"]!["text"]);
        Assert.Contains("prod-gemini", embed["description"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_AlertWithImage_UploadsThePngAndShowsItInTheEmbed()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var channel = h.Fake.AddChannel(guildId: 1);
        var alert = AlertSamples.Failing() with { Image = AlertSamples.Chart() };

        var result = await sut.DeliverAsync(new AlertDelivery(channel.ToString(CultureInfo.InvariantCulture), alert, "alert-img", 1), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var call = h.Fake.Calls.Single();
        Assert.StartsWith("multipart/form-data", call.Header("Content-Type"), StringComparison.Ordinal);
        var file = Assert.Single(call.Files!);
        Assert.Equal("files[0]", file.Name);
        Assert.Equal("status.png", file.FileName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(TestImages.Png1x1, file.Content);
        Assert.Equal("""[{"id":0,"filename":"status.png","description":"Availability of prod-gemini over 24 hours"}]""", call.Json!["attachments"]!.ToJsonString());
        Assert.Equal("attachment://status.png", (string?)call.Json!["embeds"]![0]!["image"]!["url"]);
        Assert.True((bool)call.Json!["enforce_nonce"]!);
        var stored = h.Fake.Messages.Values.Single();
        Assert.Equal("status.png", (string?)stored["attachments"]![0]!["filename"]);
        Assert.StartsWith("https://cdn.discordapp.com/attachments/", (string?)stored["embeds"]![0]!["image"]!["url"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1400000000000000123", true)]
    [InlineData("<#1400000000000000123>", true)]
    [InlineData(" 1400000000000000123 ", true)]
    [InlineData("general", false)]
    [InlineData("", false)]
    [InlineData("123", false)]
    [InlineData("-1400000000000000123", false)]
    [InlineData("99999999999999999999999", false)]
    public async Task ValidateAddress_Snowflake(string address, bool valid)
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;

        var problem = sut.ValidateAddress(address);

        Assert.Equal(valid, problem is null);
        if (!valid)
        {
            Assert.Contains("Copy Channel ID", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Registration_BothDiscordDestinations_Once_WithoutTheGateway()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        var again = new ServiceCollection();
        again.AddDiscordAlertDestinations().AddDiscordAlertDestinations();

        Assert.Equal(["discord", "discord-webhook"], h.Services.GetServices<IAlertDestination>().Select(d => d.Scheme).Order(StringComparer.Ordinal));
        Assert.Equal(2, again.Count(d => d.ServiceType == typeof(IAlertDestination)));
        Assert.Equal(ReplySeverity.Error, AlertSamples.Failing().Severity);
    }

    [Fact]
    public void AdapterRegistration_BringsTheDestinations_ResolvableWithoutAToken()
    {
        var services = new ServiceCollection()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddLogging();
        services.AddDiscordAdapter(); // what the worker host calls

        using var provider = services.BuildServiceProvider();
        var destinations = provider.GetServices<IAlertDestination>().ToList();

        Assert.Equal(["discord", "discord-webhook"], destinations.Select(d => d.Scheme).Order(StringComparer.Ordinal));
        Assert.False(destinations.Single(d => d.Scheme == "discord").IsAvailable);
        Assert.True(destinations.Single(d => d.Scheme == "discord-webhook").IsAvailable);
    }
}
