using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Discord.Alerts;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Discord.Tests.Alerts;

public sealed class DiscordWebhookAlertDestinationTests
{
    private const string RealShapedToken = "Xy9_aBcDeFgHiJkLmNoPqRsTuVwXyZ-qwertyuiopASDFGHJKL_zxcvbnmQWERTYUIOPasdfghjkl";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(DiscordHarness H, DiscordWebhookAlertDestination Sut)> StartAsync(Action<Dictionary<string, string?>, FakeDiscordServer>? client = null)
    {
        var h = await DiscordHarness.StartAsync(client: client, services: s => s.AddDiscordAlertDestinations());
        var sut = h.Services.GetServices<IAlertDestination>().OfType<DiscordWebhookAlertDestination>().Single();
        return (h, sut);
    }

    private static AlertDelivery Delivery(FakeWebhook webhook, int attempt = 1) => new(webhook.Url.ToString(), AlertSamples.Failing(), "alert-42-to-2", attempt);

    private static void AssertNoLeak(DiscordHarness h, FakeWebhook webhook, params string?[] outputs)
    {
        h.AssertNoTokenLeaked(outputs);
        LeakAssert.NoSecret(h.AllLogs(), webhook.Token, AlertSamples.Key);
        foreach (var output in outputs)
        {
            LeakAssert.NoSecret(output, webhook.Token, AlertSamples.Key);
        }
    }

    [Fact]
    public async Task Deliver_ExecutesWithWait_NoBotAuth_SameEmbed()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();

        var result = await sut.DeliverAsync(Delivery(webhook), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var call = h.Fake.Calls.Single();
        Assert.Equal($"/webhooks/{webhook.Id}/{webhook.Token}", call.Path);
        Assert.Equal("?wait=true", call.Query);
        Assert.Equal(200, call.Status);
        Assert.Null(call.Header("Authorization"));
        Assert.Equal("""{"parse":[]}""", call.Json!["allowed_mentions"]!.ToJsonString());
        Assert.Null(call.Json!["nonce"]);
        var embed = call.Json!["embeds"]![0]!;
        Assert.Equal(DiscordReplyRenderer.ErrorColor, (int)embed["color"]!);
        Assert.Equal("code: auth.invalid_key", (string?)embed["footer"]!["text"]);
        var message = h.Fake.Messages.Values.Single();
        Assert.Equal(webhook.ChannelId.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)message["channel_id"]);
        AssertNoLeak(h, webhook, result.Problem);
    }

    [Fact]
    public async Task Deliver_WorksWithoutADiscordBotToken()
    {
        var (h, sut) = await StartAsync(client: (s, _) => s["Discord:Token"] = "");
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();

        var result = await sut.DeliverAsync(Delivery(webhook), Ct);

        Assert.True(sut.IsAvailable);
        Assert.Equal(DeliveryStatus.Delivered, result.Status);
    }

    [Fact]
    public async Task Deliver_DeletedWebhook_BlockedTellingToMakeANewOne()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();
        h.Fake.DeleteWebhook(webhook.Id);

        var result = await sut.DeliverAsync(Delivery(webhook), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("The webhook was deleted", result.Problem, StringComparison.Ordinal);
        Assert.Contains("create a new one", result.Problem, StringComparison.Ordinal);
        Assert.Contains("10015", result.Problem, StringComparison.Ordinal);
        Assert.Contains($"/api/webhooks/{webhook.Id}/…", result.Problem, StringComparison.Ordinal);
        Assert.Equal(404, h.Fake.Calls.Single().Status);
        AssertNoLeak(h, webhook, result.Problem);
    }

    [Fact]
    public async Task Deliver_WrongToken_Blocked_TokenNowhere()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();
        var wrong = webhook with { Token = RealShapedToken, Url = new Uri(webhook.Url.ToString().Replace(webhook.Token, RealShapedToken, StringComparison.Ordinal)) };

        var result = await sut.DeliverAsync(Delivery(wrong), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("50027 Invalid Webhook Token", result.Problem, StringComparison.Ordinal);
        Assert.Equal(401, h.Fake.Calls.Single().Status);
        AssertNoLeak(h, wrong, result.Problem, sut.DescribeAddress(wrong.Url.ToString()));
        AssertNoLeak(h, webhook, result.Problem);
    }

    [Fact]
    public async Task Deliver_WebhookRateLimited_RetryLaterWithRetryAfter()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();
        h.Fake.EnqueueRateLimit($"POST /webhooks/{webhook.Id}/", 2.5);

        var result = await sut.DeliverAsync(Delivery(webhook), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(2.5), result.RetryAfter);
        var call = h.Fake.Calls.Single();
        Assert.Equal(429, call.Status);
        Assert.Empty(h.Fake.Messages);
        AssertNoLeak(h, webhook, result.Problem);
    }

    [Fact]
    public async Task Deliver_OutageThenRecovery_DeliversOnce()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();
        h.Fake.FailNext($"POST /webhooks/{webhook.Id}/", 2, 502);

        var first = await sut.DeliverAsync(Delivery(webhook, 1), Ct);
        var second = await sut.DeliverAsync(Delivery(webhook, 2), Ct);
        var third = await sut.DeliverAsync(Delivery(webhook, 3), Ct);

        Assert.Equal([DeliveryStatus.RetryLater, DeliveryStatus.RetryLater, DeliveryStatus.Delivered], new[] { first.Status, second.Status, third.Status });
        Assert.Single(h.Fake.Messages);
        AssertNoLeak(h, webhook, first.Problem, second.Problem);
    }

    /// <summary>The documented caveat: webhooks take no nonce, so a retry after a lost answer posts again.</summary>
    [Fact]
    public async Task Deliver_AnswerLost_RetryPostsASecondCopy_AsDocumented()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();
        h.Fake.DropResponses($"POST /webhooks/{webhook.Id}/", 1000);

        var first = await sut.DeliverAsync(Delivery(webhook, 1), Ct);
        h.Fake.ClearFaults();
        var second = await sut.DeliverAsync(Delivery(webhook, 2), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, first.Status);
        Assert.Equal(DeliveryStatus.Delivered, second.Status);
        Assert.True(h.Fake.Messages.Count >= 2);
        AssertNoLeak(h, webhook, first.Problem);
    }

    [Fact]
    public async Task Deliver_WithImage_MultipartWithThePng()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();

        var result = await sut.DeliverAsync(new AlertDelivery(webhook.Url.ToString(), AlertSamples.Failing() with { Image = AlertSamples.Chart() }, "k", 1), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var file = Assert.Single(h.Fake.Calls.Single().Files!);
        Assert.Equal(TestImages.Png1x1, file.Content);
        Assert.True(TestImages.IsPng(file.Content));
        Assert.Equal("attachment://status.png", (string?)h.Fake.Calls.Single().Json!["embeds"]![0]!["image"]!["url"]);
    }

    [Fact]
    public async Task Logs_FromEveryOutcome_NeverHoldTheToken()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var webhook = h.Fake.AddWebhook();
        h.Fake.FailNext($"POST /webhooks/{webhook.Id}/", 1, 503);
        h.Fake.EnqueueRateLimit($"POST /webhooks/{webhook.Id}/", 1);

        var problems = new List<string?>();
        for (var i = 1; i <= 3; i++)
        {
            problems.Add((await sut.DeliverAsync(Delivery(webhook, i), Ct)).Problem);
            h.ClientTime.Advance(TimeSpan.FromSeconds(2)); // the outbox waits retry_after; the client's bucket is closed until then
        }

        h.Fake.DeleteWebhook(webhook.Id);
        problems.Add((await sut.DeliverAsync(Delivery(webhook, 4), Ct)).Problem);
        var exception = await Assert.ThrowsAsync<DiscordApiException>(() => h.Rest.ExecuteWebhookAsync(DiscordWebhookUrl.Parse(webhook.Url.ToString()), DiscordMessageBody.Text("x"), Ct));

        Assert.NotEmpty(h.Logs.Collector.GetSnapshot());
        AssertNoLeak(h, webhook, [.. problems, exception.ToString()]);
        Assert.Contains(h.Logs.Collector.GetSnapshot(), r => r.Message.Contains($"/api/webhooks/{webhook.Id}/…", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://discord.com/api/webhooks/1234567890123456789/" + RealShapedToken, "https://discord.com/api/v10")]
    [InlineData("https://discordapp.com/api/webhooks/1234567890123456789/" + RealShapedToken, "https://discordapp.com/api/v10")]
    [InlineData("https://ptb.discord.com/api/webhooks/1234567890123456789/" + RealShapedToken, "https://ptb.discord.com/api/v10")]
    [InlineData("https://canary.discord.com/api/v10/webhooks/1234567890123456789/" + RealShapedToken + "/", "https://canary.discord.com/api/v10")]
    [InlineData("  https://discord.com/api/webhooks/1234567890123456789/" + RealShapedToken + "\n", "https://discord.com/api/v10")]
    [InlineData("http://127.0.0.1:5000/api/webhooks/1234567890123456789/" + RealShapedToken, "http://127.0.0.1:5000/api/v10")]
    public void WebhookUrl_Accepted(string url, string apiRoot)
    {
        Assert.True(DiscordWebhookUrl.TryParse(url, out var webhook, out var problem), problem);
        Assert.Equal(1234567890123456789UL, webhook.Id);
        Assert.Equal(RealShapedToken, webhook.Token);
        Assert.Equal(new Uri(apiRoot), webhook.ApiRoot);
        Assert.EndsWith("/api/webhooks/1234567890123456789/…", webhook.Shown, StringComparison.Ordinal);
        LeakAssert.NoSecret(webhook.ToString(), RealShapedToken);
    }

    [Theory]
    [InlineData("http://discord.com/api/webhooks/1234567890123456789/" + RealShapedToken, "https://")]
    [InlineData("https://discord.evil.example/api/webhooks/1234567890123456789/" + RealShapedToken, "not Discord's")]
    [InlineData("https://hooks.slack.com/services/T000/B000/" + RealShapedToken, "not Discord's")]
    [InlineData("https://discord.com/api/webhooks/1234567890123456789", "/api/webhooks/<id>/<token>")]
    [InlineData("https://discord.com/api/webhooks/abc/" + RealShapedToken, "/api/webhooks/<id>/<token>")]
    [InlineData("https://discord.com/api/webhooks/1234567890123456789/short", "too short")]
    [InlineData("discord.com/api/webhooks/1234567890123456789/" + RealShapedToken, "not a web address")]
    [InlineData("", "No webhook URL")]
    public void WebhookUrl_Refused_WithAReason_NeverEchoingTheToken(string url, string reason)
    {
        Assert.False(DiscordWebhookUrl.TryParse(url, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        LeakAssert.NoSecret(problem, RealShapedToken);
    }

    [Fact]
    public async Task DescribeAndValidate_NeverShowTheToken_AndRegisterItWithTheScrubber()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var url = "https://discord.com/api/webhooks/1234567890123456789/" + RealShapedToken;

        Assert.Null(sut.ValidateAddress(url));
        var shown = sut.DescribeAddress(url);

        Assert.Equal("Discord webhook https://discord.com/api/webhooks/1234567890123456789/…", shown);
        LeakAssert.NoSecret(h.Services.GetRequiredService<SecretScrubber>().Scrub("token " + RealShapedToken + " leaked"), RealShapedToken);
        Assert.Equal("Discord webhook (invalid URL)", sut.DescribeAddress("https://example.com/x/" + RealShapedToken));
    }
}
