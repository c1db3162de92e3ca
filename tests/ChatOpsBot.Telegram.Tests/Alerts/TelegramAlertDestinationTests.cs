using System.Globalization;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Telegram.Alerts;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Telegram.Tests.Alerts;

public sealed class TelegramAlertDestinationTests
{
    private const long Group = -1_005_550_001_111;

    private static readonly string Key = TestKeys.OpenAIProject(new Random(7));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Reply Alert(ReplyImage? image = null) => new()
    {
        Kind = ReplyKind.Alert,
        Visibility = ReplyVisibility.Public,
        Text = "🔴 prod-openai is failing since 02:13 UTC <was ok> & 3 checks in a row",
        Cards =
        [
            new VerdictCard
            {
                Provider = ReplyBuilder.ProviderOf(ProviderId.OpenAI),
                Verdict = new ReplyVerdict("quota.exhausted", ReplySeverity.Error, "No credit left"),
                KeyName = "prod-openai",
                KeyShown = KeyMask.Show(Key),
                Detail = "OpenAI said: <insufficient_quota> & \"You exceeded your current quota\".",
                Fields = [new ReplyField("status", "429"), new ReplyField("request id", "req_<abc>&1")],
                NextSteps = ["Add credit at https://platform.openai.com/settings/organization/billing", "Re-run: /diagnose openai prod-openai"],
            },
        ],
        Image = image,
    };

    private static async Task<(TelegramHarness H, TelegramAlertDestination Sut)> StartAsync(Action<IDictionary<string, string?>>? configure = null)
    {
        var h = await TelegramHarness.StartAsync(
            configure: s =>
            {
                s["Telegram:MaxRetries"] = "0"; // a 429 comes back at once: the outbox owns the schedule
                configure?.Invoke(s);
            },
            services: s => s.AddTelegramAlertDestination());
        return (h, h.Services.GetServices<IAlertDestination>().OfType<TelegramAlertDestination>().Single());
    }

    private static AlertDelivery Delivery(string address, int attempt = 1, Reply? alert = null) => new(address, alert ?? Alert(), "alert-7", attempt);

    private static void AssertNoLeak(TelegramHarness h, params string?[] outputs)
    {
        h.AssertNoTokenLeaked();
        foreach (var call in h.Server.Calls)
        {
            LeakAssert.NoSecret(call.Body, Key, h.Server.Token);
        }

        foreach (var record in h.Logs.GetSnapshot())
        {
            LeakAssert.NoSecret(record.Message, Key, h.Server.Token);
        }

        foreach (var output in outputs)
        {
            LeakAssert.NoSecret(output, Key, h.Server.Token);
        }
    }

    [Fact]
    public async Task Deliver_HtmlWithCodeAndEscapedText()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;

        var result = await sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture)), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var message = Assert.Single(h.Server.MessagesIn(Group));
        Assert.Equal("Html", message.ParseMode, ignoreCase: true);
        Assert.Contains("&lt;was ok&gt; &amp; 3 checks", message.RawText, StringComparison.Ordinal);
        Assert.Contains("<code>code: quota.exhausted</code>", message.RawText, StringComparison.Ordinal);
        Assert.Contains("OpenAI said: <insufficient_quota> & \"You exceeded", message.Text, StringComparison.Ordinal); // what people read
        Assert.Contains("req_<abc>&1", message.Text, StringComparison.Ordinal);
        Assert.Contains("Re-run: /diagnose openai prod-openai", message.Text, StringComparison.Ordinal);
        Assert.Contains(KeyMask.Show(Key), message.Text, StringComparison.Ordinal);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_ServerErrorsThenRecovery_DeliveredExactlyOnce()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.FailNext("sendMessage", FakeTelegramFailure.ServerError(502)).FailNext("sendMessage", FakeTelegramFailure.ServerError(500));

        var results = new List<DeliveryResult>();
        for (var attempt = 1; attempt <= 4 && results.LastOrDefault()?.Status != DeliveryStatus.Delivered; attempt++)
        {
            results.Add(await sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture), attempt), Ct));
        }

        Assert.Equal([DeliveryStatus.RetryLater, DeliveryStatus.RetryLater, DeliveryStatus.Delivered], results.Select(r => r.Status));
        Assert.Single(h.Server.MessagesIn(Group));
        AssertNoLeak(h, [.. results.Select(r => r.Problem)]);
    }

    [Fact]
    public async Task Deliver_BotBlocked_Blocked()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.BlockBot(4242);

        var result = await sut.DeliverAsync(Delivery("4242"), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("bot was blocked by the user", result.Problem, StringComparison.Ordinal);
        Assert.Contains("unblock", result.Problem, StringComparison.Ordinal);
        // The outbox dispatcher logs a blocked destination once per new problem; the destination itself does not
        // repeat it as an error at every retry.
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_BotKicked_BlockedSayingAddItBack()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.KickBot(Group);

        var result = await sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture)), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("kicked", result.Problem, StringComparison.Ordinal);
        Assert.Contains("add it back", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ChatNotFound_Blocked()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.ForgetChat(-555);

        var result = await sut.DeliverAsync(Delivery("-555"), Ct);

        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("chat not found", result.Problem, StringComparison.Ordinal);
        Assert.Empty(h.Server.MessagesIn(-555));
    }

    [Fact]
    public async Task Deliver_RateLimited_RetryLaterWithRetryAfter()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(35));

        var result = await sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture)), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(35), result.RetryAfter);
        Assert.Empty(h.Server.MessagesIn(Group));
    }

    [Fact]
    public async Task Deliver_ConnectionDropped_RetryLater()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.FailNext("sendMessage", FakeTelegramFailure.DropConnection());

        var result = await sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture)), Ct);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        AssertNoLeak(h, result.Problem);
    }

    [Fact]
    public async Task Deliver_GroupBecameSupergroup_SentToTheNewChat()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        const long oldGroup = -4_000_123;
        h.Server.MigrateGroup(oldGroup, Group);

        var result = await sut.DeliverAsync(Delivery(oldGroup.ToString(CultureInfo.InvariantCulture)), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Single(h.Server.MessagesIn(Group));
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Is<TelegramAlertDestination>(6) && r.Value("NewChatId") == Group.ToString(CultureInfo.InvariantCulture)); // Migrated: update the destination to telegram:{NewChatId}
    }

    [Fact]
    public async Task Deliver_ChannelByUsername()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.AddUsername("@team_alerts", Group);

        var result = await sut.DeliverAsync(Delivery("@team_alerts"), Ct);
        var unknown = await sut.DeliverAsync(Delivery("@nobody_here"), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Single(h.Server.MessagesIn(Group));
        Assert.Equal(DeliveryStatus.Blocked, unknown.Status);
    }

    [Fact]
    public async Task Deliver_WithImage_PhotoUploadedAfterTheText()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var image = new ReplyImage("status.png", TestImages.Png1x1, "Availability <24 h> & latency");

        var result = await h.AdvanceUntilAsync(sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture), alert: Alert(image)), Ct), TimeSpan.FromMilliseconds(250));

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var photo = Assert.Single(h.Server.Photos);
        Assert.Equal(Group, photo.ChatId);
        Assert.Equal(TestImages.Png1x1, photo.Content);
        Assert.True(TestImages.IsPng(photo.Content));
        Assert.Equal("status.png", photo.FileName);
        Assert.Equal("Availability <24 h> & latency", photo.Caption);
        var call = Assert.Single(h.Server.CallsOf("sendPhoto"));
        Assert.StartsWith("multipart/form-data", call.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(2, h.Server.MessagesIn(Group).Count); // the text, then the photo
    }

    [Fact]
    public async Task Deliver_PhotoRefused_AlertStillDelivered_Logged()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        h.Server.FailNext("sendPhoto", FakeTelegramFailure.Error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS"));

        var result = await h.AdvanceUntilAsync(sut.DeliverAsync(Delivery(Group.ToString(CultureInfo.InvariantCulture), alert: Alert(new ReplyImage("s.png", TestImages.Png1x1, "chart"))), Ct), TimeSpan.FromMilliseconds(250));

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Is<TelegramAlertDestination>(7) && r.Value("Error")?.Contains("PHOTO_INVALID_DIMENSIONS", StringComparison.Ordinal) == true); // PhotoFailed
    }

    [Fact]
    public async Task Deliver_NoToken_Blocked()
    {
        var (h, sut) = await StartAsync(s => s["Telegram:Token"] = "");
        await using var _ = h;

        var result = await sut.DeliverAsync(Delivery("4242"), Ct);

        Assert.False(sut.IsAvailable);
        Assert.Equal(DeliveryStatus.Blocked, result.Status);
        Assert.Contains("Telegram:Token is not set", result.Problem, StringComparison.Ordinal);
        Assert.Empty(h.Server.Calls);
    }

    [Fact]
    public async Task Deliver_RecoveryWithoutCard_ShowsCodeOk()
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;
        var recovery = new Reply { Kind = ReplyKind.Recovery, Visibility = ReplyVisibility.Public, Text = "🟢 prod-openai works again" };

        var result = await sut.DeliverAsync(Delivery("4242", alert: recovery), Ct);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Contains("code: ok", h.Server.MessagesIn(4242).Single().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1005550001111", true)]
    [InlineData("4242", true)]
    [InlineData("@team_alerts", true)]
    [InlineData("0", false)]
    [InlineData("@ab", false)]
    [InlineData("team alerts", false)]
    [InlineData("", false)]
    [InlineData("https://t.me/team_alerts", false)]
    public async Task ValidateAddress_ChatIdOrChannelUsername(string address, bool valid)
    {
        var (h, sut) = await StartAsync();
        await using var _ = h;

        Assert.Equal(valid, sut.ValidateAddress(address) is null);
        Assert.Equal(valid ? $"Telegram chat {address}" : "Telegram chat (invalid id)", sut.DescribeAddress(address));
    }
    [Fact]
    public async Task ReplySink_StatusWithChart_TextThenPhoto()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        var sink = new ChatOpsBot.Telegram.Adapter.TelegramReplySink(h.Bot, 4242, 4242, null, isPrivate: true, h.Services.GetRequiredService<ILoggerFactory>().CreateLogger("test"));
        var reply = new Reply { Kind = ReplyKind.Info, Text = "prod-openai ✅ 99.3%", Image = new ReplyImage("status.png", TestImages.Png1x1, "Availability over 24 hours") };

        await h.AdvanceUntilAsync(sink.SendAsync(reply, Ct).ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromMilliseconds(250));

        Assert.Equal("prod-openai ✅ 99.3%", h.Server.MessagesIn(4242)[0].Text);
        var photo = Assert.Single(h.Server.Photos);
        Assert.Equal(TestImages.Png1x1, photo.Content);
        Assert.Equal("Availability over 24 hours", photo.Caption);
    }
    [Fact]
    public void AdapterRegistration_BringsTheDestination_ResolvableWithoutAToken()
    {
        var adapter = new ServiceCollection();
        ChatOpsBot.Telegram.Adapter.TelegramAdapterServiceCollectionExtensions.AddTelegramAdapter(adapter); // what the worker host calls
        adapter.AddTelegramAlertDestination();
        var alone = new ServiceCollection()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddLogging()
            .AddTelegramAlertDestination(); // no poller, no conversation layer

        using var provider = alone.BuildServiceProvider();
        var destination = Assert.Single(provider.GetServices<IAlertDestination>());

        Assert.Single(adapter, d => d.ServiceType == typeof(IAlertDestination));
        Assert.Equal("telegram", destination.Scheme);
        Assert.False(destination.IsAvailable);
    }
}
