using System.Net.Http.Headers;
using System.Text;
using ChatOpsBot.Http;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Tests.Http;

/// <summary>
/// The worker's one listener (Discord interactions and the Telegram webhook beside health and metrics) given what it
/// never asked for: unknown paths and methods, a key in the path, the query and a header, unsigned and signed garbage,
/// garbage with the webhook's secret. Every answer is a plain 4xx or 200, never a 5xx, and no answer and no log line
/// (ASP.NET Core's request logging turned up to Debug) holds the key or the bot tokens.
/// </summary>
public sealed class WorkerHttpBadInputTests
{
    private const string Secret = "webhook_Secret-43";

    [Fact]
    public async Task Listener_UnknownPathsMethodsAndGarbage_Get4xxOr200_NeverA5xx_AndLeakNothing()
    {
        await using var discord = await FakeDiscordServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var telegram = await FakeTelegramServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var key = TestKeys.OpenAIProject();
        var env = new Dictionary<string, string>
        {
            ["Http__Urls"] = "http://127.0.0.1:0",
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord__PublicKey"] = discord.PublicKeyHex,
            ["Discord__UseGateway"] = "false",
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Telegram__Mode"] = "Webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.com/telegram/webhook",
            ["Telegram__WebhookSecretToken"] = Secret,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        };
        var answers = new List<(string Case, int Status, string Body)>();
        string? failure = null;
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(90)); // a safety net, not a pace

        var result = await CliHarness.RunAsync([], env, configure: s => s.AddHostedService(sp => new Probe(sp, async (address, http, ct) =>
        {
            await telegram.WaitForCallAsync("setWebhook", timeout: TimeSpan.FromSeconds(20));
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            async Task SendAsync(string name, HttpMethod method, string path, string? body = null, string? secret = null, (string, string)? header = null)
            {
                using var request = new HttpRequestMessage(method, new Uri(address, path));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                if (secret is not null)
                {
                    request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", secret);
                }

                if (header is var (n, v))
                {
                    request.Headers.TryAddWithoutValidation(n, v);
                }

                using var response = await http.SendAsync(request, ct);
                answers.Add((name, (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
            }

            await SendAsync("unknown path", HttpMethod.Get, "/nothing-here");
            await SendAsync("a key in the path", HttpMethod.Get, "/" + key);
            await SendAsync("the bot token in the path", HttpMethod.Post, "/bot" + telegram.Token + "/getMe", "{}");
            await SendAsync("a key in the query", HttpMethod.Get, "/healthz?key=" + key);
            await SendAsync("a key in a header", HttpMethod.Get, "/readyz", header: ("Authorization", "Bearer " + key));
            await SendAsync("POST /healthz", HttpMethod.Post, "/healthz", "{}");
            await SendAsync("DELETE /metrics", HttpMethod.Delete, "/metrics");
            await SendAsync("GET /discord/interactions", HttpMethod.Get, "/discord/interactions");
            await SendAsync("GET /telegram/webhook", HttpMethod.Get, "/telegram/webhook");
            await SendAsync("unsigned interaction", HttpMethod.Post, "/discord/interactions", "{\"type\":2,\"token\":\"" + key + "\"}");
            await SendAsync("webhook without the secret", HttpMethod.Post, "/telegram/webhook", "{\"update_id\":1}");
            await SendAsync("webhook, secret, not JSON", HttpMethod.Post, "/telegram/webhook", "{\"update_id\":", Secret);
            await SendAsync("webhook, secret, key in an unknown kind", HttpMethod.Post, "/telegram/webhook", "{\"update_id\":2,\"x_future\":{\"text\":\"" + key + "\"}}", Secret);
            await SendAsync("webhook, secret, wrong types", HttpMethod.Post, "/telegram/webhook", "{\"update_id\":3,\"message\":{\"message_id\":\"one\",\"chat\":[],\"text\":" + key.Length + "}}", Secret);
            foreach (var (name, body) in new[]
            {
                ("signed, not JSON", "{\"type\":"),
                ("signed, unknown type", "{\"id\":\"1\",\"application_id\":\"2\",\"type\":77,\"token\":\"t\",\"user\":{\"id\":\"3\"}}"),
                ("signed, no invoker", "{\"id\":\"1\",\"application_id\":\"2\",\"type\":2,\"token\":\"t\",\"data\":{\"name\":\"diagnose\"}}"),
                ("signed, half a surrogate pair", "{\"id\":\"1\",\"application_id\":\"2\",\"type\":2,\"token\":\"t\\ud800\",\"user\":{\"id\":\"3\"}}"),
            })
            {
                var signed = await discord.PostSignedAsync(http, new Uri(address, "/discord/interactions"), body, now, ct);
                answers.Add((name, signed.Status, signed.Body));
            }
        }, error => failure = error)), cancellationToken: safety.Token);

        Assert.False(safety.IsCancellationRequested, "the probe did not finish");
        Assert.Null(failure);
        Assert.Equal(0, result.ExitCode);
        var statuses = answers.ToDictionary(a => a.Case, a => a.Status);
        Assert.Equal(404, statuses["unknown path"]);
        Assert.Equal(404, statuses["a key in the path"]);
        Assert.Equal(404, statuses["the bot token in the path"]);
        Assert.Equal(200, statuses["a key in the query"]);
        Assert.Equal(405, statuses["POST /healthz"]);
        Assert.Equal(405, statuses["DELETE /metrics"]);
        Assert.Equal(405, statuses["GET /discord/interactions"]);
        Assert.Equal(405, statuses["GET /telegram/webhook"]);
        Assert.Equal(401, statuses["unsigned interaction"]);
        Assert.Equal(401, statuses["webhook without the secret"]);
        Assert.Equal(200, statuses["webhook, secret, not JSON"]);
        Assert.Equal(200, statuses["webhook, secret, key in an unknown kind"]);
        Assert.Equal(200, statuses["webhook, secret, wrong types"]);
        Assert.Equal(400, statuses["signed, not JSON"]);
        Assert.Equal(400, statuses["signed, unknown type"]);
        Assert.Equal(400, statuses["signed, no invoker"]);
        Assert.Equal(400, statuses["signed, half a surrogate pair"]);
        Assert.All(answers, a => Assert.True(a.Status < 500, $"{a.Case}: {a.Status}"));
        string[] secrets = [key, FakeDiscordOptions.DefaultToken, telegram.Token[(telegram.Token.IndexOf(':', StringComparison.Ordinal) + 1)..], Secret];
        LeakAssert.NoSecret(string.Join("\n", answers.Select(a => a.Body)), secrets);
        LeakAssert.NoSecret(result.All, secrets);
    }

    private sealed class Probe(IServiceProvider services, Func<Uri, HttpClient, CancellationToken, Task> run, Action<string> fail) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var address = services.GetRequiredService<WorkerHttpServer>().Address!;
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
                await run(address, http, stoppingToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or NullReferenceException or TaskCanceledException or TimeoutException or KeyNotFoundException)
            {
                fail(ex.ToString());
            }
            finally
            {
                services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            }
        }
    }
}
