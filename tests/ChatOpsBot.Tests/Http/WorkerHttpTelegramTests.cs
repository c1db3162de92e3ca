using ChatOpsBot.Http;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Tests.Http;

/// <summary>
/// The Telegram webhook on the worker's one listener, from <c>Http:Urls</c> or from the deprecated
/// <c>Telegram:WebhookListenUrl</c>, which still works (with a warning in the log): health and readiness beside it.
/// </summary>
public sealed class WorkerHttpTelegramTests
{
    private const string Secret = "webhook_Secret-42";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Worker_TelegramWebhook_IsServedBesideHealth(bool httpUrls)
    {
        await using var telegram = await FakeTelegramServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string>
        {
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Telegram__Mode"] = "Webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.com/telegram/webhook",
            ["Telegram__WebhookSecretToken"] = Secret,
            [httpUrls ? "Http__Urls" : "Telegram__WebhookListenUrl"] = "http://127.0.0.1:0",
        };
        var seen = new Seen();
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(60)); // a safety net, not a pace

        var result = await CliHarness.RunAsync([], env, configure: s => s.AddHostedService(sp => new Probe(sp, telegram, seen)), cancellationToken: safety.Token);

        Assert.False(safety.IsCancellationRequested, "the probe did not finish");
        Assert.Null(seen.Failure);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([200], seen.Webhook);
        Assert.Equal(200, seen.Healthz);
        Assert.Equal((200, "ready\nstore: not used (no Monitor:Targets)\ndiscord: off\ntelegram: ok\n"), seen.Readyz);
        LeakAssert.NoSecret(result.All, telegram.Token, Secret);
    }

    private sealed class Seen
    {
        public IReadOnlyList<int>? Webhook { get; set; }

        public int Healthz { get; set; }

        public (int, string) Readyz { get; set; }

        public string? Failure { get; set; }
    }

    private sealed class Probe(IServiceProvider services, FakeTelegramServer telegram, Seen seen) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var address = services.GetRequiredService<WorkerHttpServer>().Address!;
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
                await telegram.WaitForCallAsync("setWebhook", timeout: TimeSpan.FromSeconds(20));
                telegram.EnqueuePrivateMessage(777, "/help");
                seen.Webhook = await telegram.DeliverToWebhookAsync(http, new Uri(address, "/telegram/webhook"), Secret, stoppingToken);
                await telegram.WaitForCallAsync("sendMessage", timeout: TimeSpan.FromSeconds(20));
                using var healthz = await http.GetAsync(new Uri(address, "/healthz"), stoppingToken);
                seen.Healthz = (int)healthz.StatusCode;
                using var readyz = await http.GetAsync(new Uri(address, "/readyz"), stoppingToken);
                seen.Readyz = ((int)readyz.StatusCode, await readyz.Content.ReadAsStringAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or NullReferenceException or TaskCanceledException or TimeoutException)
            {
                seen.Failure = ex.ToString();
            }
            finally
            {
                services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            }
        }
    }
}
