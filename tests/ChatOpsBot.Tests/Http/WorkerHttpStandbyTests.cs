using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using ChatOpsBot.Http;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Postgres;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tests.Http;

/// <summary>
/// A replica whose gateway and Telegram polling leases another replica holds: it connects nothing and polls nothing,
/// and its <c>/readyz</c> is ready and says standby for both; <c>/metrics</c> shows it holds neither lease.
/// </summary>
public sealed class WorkerHttpStandbyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Worker_LeasesHeldByAnotherReplica_StandsByReadyAndSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);
        await using var discord = await FakeDiscordServer.StartAsync(cancellationToken: ct);
        await using var telegram = await FakeTelegramServer.StartAsync(cancellationToken: ct);
        await using (var other = new PostgresMonitorStore(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }), NullLogger<PostgresMonitorStore>.Instance))
        {
            // Another replica holds both, for longer than this test runs.
            Assert.True(await other.TryAcquireLeaseAsync("discord-gateway:all/all", TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1), ct));
            Assert.True(await other.TryAcquireLeaseAsync("telegram-polling", TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1), ct));
        }

        var env = new Dictionary<string, string>
        {
            ["Http__Urls"] = "http://127.0.0.1:0",
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString(),
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = connectionString,
            ["Storage__LeaseDuration"] = "00:00:03",
        };
        var seen = new Seen();
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(ct);
        safety.CancelAfter(TimeSpan.FromSeconds(60)); // a safety net, not a pace

        var result = await CliHarness.RunAsync([], env, configure: s => s.AddHostedService(sp => new Probe(sp, telegram, seen)), cancellationToken: safety.Token);

        Assert.False(safety.IsCancellationRequested, "the probe did not finish: " + seen.Readyz);
        Assert.Null(seen.Failure);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal((200, "ready\nstore: ok\ndiscord: standby (another replica holds the gateway)\ntelegram: standby (another replica polls)\n"), seen.Readyz);
        Assert.Contains("chatopsbot_lease_held{kind=\"discord-gateway\"} 0", seen.Metrics ?? "", StringComparison.Ordinal);
        Assert.Contains("chatopsbot_lease_held{kind=\"telegram-polling\"} 0", seen.Metrics ?? "", StringComparison.Ordinal);
        Assert.Empty(discord.Connections); // no gateway session
        Assert.Empty(telegram.CallsOf("getUpdates")); // no poller
        LeakAssert.NoSecret(result.All + seen.Metrics, FakeDiscordOptions.DefaultToken, telegram.Token, PostgresCluster.Password);
    }

    private sealed class Seen
    {
        public (int, string) Readyz { get; set; }

        public string? Metrics { get; set; }

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
                await telegram.WaitForCallAsync("deleteWebhook", timeout: TimeSpan.FromSeconds(20)); // the last call before polling would begin
                while (!(seen.Readyz.Item2 ?? "").Contains("telegram: standby", StringComparison.Ordinal))
                {
                    using var readyz = await http.GetAsync(new Uri(address, "/readyz"), stoppingToken);
                    seen.Readyz = ((int)readyz.StatusCode, await readyz.Content.ReadAsStringAsync(stoppingToken));
                    await Task.Delay(50, stoppingToken); // a moment between deleteWebhook and asking for the lease; bounded by the safety net
                }

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
