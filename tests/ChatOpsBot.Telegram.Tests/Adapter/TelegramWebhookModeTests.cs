using ChatOpsBot.Telegram.Webhook;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Telegram.Tests.Adapter;

/// <summary>Webhook mode through the worker's own listener: setWebhook at start, updates in, replies out.</summary>
public sealed class TelegramWebhookModeTests
{
    private const long User = 777;
    private const string Secret = "webhook_Secret-42";

    [Fact]
    public async Task WebhookMode_PrivateKeyDelivered_DiagnosedWithoutAnyPolling()
    {
        await using var bot = await AdapterHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.com/hooks/telegram",
            ["Telegram:WebhookSecretToken"] = Secret,
            ["Telegram:WebhookPath"] = "/hooks/telegram",
            ["Telegram:WebhookListenUrl"] = "http://127.0.0.1:0",
        });
        var set = await bot.AnsweredAsync("setWebhook", _ => true);
        var listener = bot.Host.Services.GetRequiredService<TelegramWebhookServer>();
        var endpoint = new Uri(listener.Address!, "/hooks/telegram");
        bot.Server.EnqueuePrivateMessage(User, "claude " + bot.ValidAnthropicKey);
        using var http = new HttpClient();

        var statuses = await bot.Server.DeliverToWebhookAsync(http, endpoint, secretOverride: Secret, cancellationToken: TestContext.Current.CancellationToken);
        var final = await bot.FinalAsync(User, "code: ok");

        Assert.Equal([200], statuses);
        Assert.Equal(Secret, set.Text("secret_token"));
        Assert.Contains("code: ok", final.Text("text"), StringComparison.Ordinal);
        Assert.Empty(bot.Server.CallsOf("getUpdates"));
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task WebhookMode_AChatWaitingOnASlowDiagnosis_IsAnsweredPromptlyAndDoesNotHoldUpAnotherChat()
    {
        var provider = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await AdapterHarness.StartAsync(
            (_, anthropic, _) => anthropic.WithGate("GET", "/v1/models", provider.Task),
            new Dictionary<string, string?>
            {
                ["Telegram:Mode"] = "Webhook",
                ["Telegram:WebhookUrl"] = "https://bot.example.com/hooks/telegram",
                ["Telegram:WebhookSecretToken"] = Secret,
                ["Telegram:WebhookPath"] = "/hooks/telegram",
                ["Telegram:WebhookListenUrl"] = "http://127.0.0.1:0",
            });
        try
        {
            await bot.AnsweredAsync("setWebhook", _ => true);
            var endpoint = new Uri(bot.Host.Services.GetRequiredService<TelegramWebhookServer>().Address!, "/hooks/telegram");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            bot.Server.EnqueuePrivateMessage(User, bot.ValidAnthropicKey);
            Assert.Equal([200], await bot.Server.DeliverToWebhookAsync(http, endpoint, secretOverride: Secret, cancellationToken: TestContext.Current.CancellationToken));
            bot.Server.EnqueuePrivateMessage(User, "/help"); // waits for the diagnosis above
            bot.Server.EnqueuePrivateMessage(778, "/help"); // another chat

            // Telegram sends them one after another: the first must not keep the second waiting.
            var statuses = await bot.Server.DeliverToWebhookAsync(http, endpoint, secretOverride: Secret, cancellationToken: TestContext.Current.CancellationToken);
            await bot.TextAsync("sendMessage", 778, "/diagnose");

            Assert.Equal([200, 200], statuses);
            Assert.Single(bot.Sent("sendMessage", User)); // A's /help still waits its turn
            provider.SetResult();
            await bot.FinalAsync(User, "code: ok");
            await bot.TextAsync("sendMessage", User, "/diagnose");
            bot.AssertNothingLeaked();
        }
        finally
        {
            provider.TrySetResult();
        }
    }
}
