using ChatOpsBot.Http;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsBot.Tests.Http;

/// <summary>The platforms on the worker's one listener: Discord's interactions endpoint and readiness, through the whole worker.</summary>
public sealed class WorkerHttpPlatformTests
{
    [Fact]
    public async Task Worker_DiscordOverHttpOnly_AnswersSignedPing_RefusesBadSignature_AndIsReady()
    {
        await using var discord = await FakeDiscordServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string>
        {
            ["Http__Urls"] = "http://127.0.0.1:0",
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord__PublicKey"] = discord.PublicKeyHex,
            ["Discord__UseGateway"] = "false",
        };
        discord.EnqueueRateLimit("GET /", 0.05, "shared"); // the first GET (/users/@me, for the commands) gets a 429
        var seen = new Seen();
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(60)); // a safety net, not a pace

        var result = await CliHarness.RunAsync([], env, configure: s => s.AddHostedService(sp => new Probe(sp, discord, seen)), cancellationToken: safety.Token);

        Assert.False(safety.IsCancellationRequested, "the probe did not finish");
        Assert.Null(seen.Failure);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(200, seen.Ping!.Status);
        Assert.Equal("""{"type":1}""", seen.Ping.Body);
        Assert.Equal(401, seen.Forged!.Status);
        Assert.Equal((200, "ready\nstore: not used (no Monitor:Targets)\ndiscord: ok (HTTP interactions only)\ntelegram: off\n"), seen.Readyz);
        Assert.Contains("chatopsbot_rest_rate_limited_total{platform=\"discord\",scope=\"shared\"} ", seen.Metrics ?? "", StringComparison.Ordinal);
        Assert.Empty(discord.Connections); // no gateway
        LeakAssert.NoSecret(result.All + seen.Metrics, FakeDiscordOptions.DefaultToken);
    }

    private sealed class Seen
    {
        public FakeInteractionPost? Ping { get; set; }

        public FakeInteractionPost? Forged { get; set; }

        public (int, string) Readyz { get; set; }

        public string? Metrics { get; set; }

        public string? Failure { get; set; }
    }

    private sealed class Probe(IServiceProvider services, FakeDiscordServer discord, Seen seen) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var address = services.GetRequiredService<WorkerHttpServer>().Address!;
                var endpoint = new Uri(address, "/discord/interactions");
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
                seen.Ping = await discord.PostInteractionAsync(http, endpoint, discord.Ping(), FakeSignature.Valid, now, stoppingToken);
                seen.Forged = await discord.PostInteractionAsync(http, endpoint, discord.Ping(), FakeSignature.WrongKey, now, stoppingToken);
                await discord.WaitUntilAsync(() => !discord.Commands.IsEmpty, "the commands' bulk overwrite over REST", TimeSpan.FromSeconds(20));

                using var readyz = await http.GetAsync(new Uri(address, "/readyz"), stoppingToken);
                seen.Readyz = ((int)readyz.StatusCode, await readyz.Content.ReadAsStringAsync(stoppingToken));
                seen.Metrics = await http.GetStringAsync(new Uri(address, "/metrics"), stoppingToken);
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
