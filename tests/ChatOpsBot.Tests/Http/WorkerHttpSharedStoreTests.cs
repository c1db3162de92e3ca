using ChatOpsBot.Http;
using ChatOpsBot.Testing.Postgres;
using ChatOpsBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ChatOpsBot.Tests.Http;

/// <summary>
/// A worker on a shared store (PostgreSQL) with no monitor targets: chat results and check limits live there, so the
/// store is opened at start and <c>/readyz</c> asks it; a database that does not answer makes the worker not ready.
/// </summary>
public sealed class WorkerHttpSharedStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Worker_OnPostgresWithoutTargets_IsReadyWhenTheStoreAnswers_AndHasCreatedItsTables()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);

        var (result, readyz) = await RunAsync(connectionString);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal((200, "ready\nstore: ok\ndiscord: off\ntelegram: off\n"), readyz);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT COUNT(*) FROM chat_results;");
        Assert.Equal(0L, await command.ExecuteScalarAsync(ct));
        Assert.DoesNotContain(PostgresCluster.Password, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_OnPostgresWithoutTargets_IsNotReadyWhileTheStoreIsDown()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (result, readyz) = await RunAsync($"Host=127.0.0.1;Port={port};Database=bot;Username=bot;Password={PostgresCluster.Password};Timeout=2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal((503, "not ready\nstore: not reachable\ndiscord: off\ntelegram: off\n"), readyz);
        Assert.DoesNotContain(PostgresCluster.Password, result.All, StringComparison.Ordinal);
    }

    private static async Task<(CliResult Result, (int, string) Readyz)> RunAsync(string connectionString)
    {
        var data = Directory.CreateTempSubdirectory("chatopsbot-http-shared-");
        try
        {
            var env = new Dictionary<string, string>
            {
                ["Http__Urls"] = "http://127.0.0.1:0",
                ["Storage__DataDirectory"] = data.FullName,
                ["Storage__Provider"] = "postgres",
                ["Storage__ConnectionString"] = connectionString,
            };
            var seen = new Seen();
            using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            safety.CancelAfter(TimeSpan.FromSeconds(60)); // a safety net, not a pace

            var result = await CliHarness.RunAsync([], env, configure: s => s.AddHostedService(sp => new Probe(sp, seen)), cancellationToken: safety.Token);

            Assert.False(safety.IsCancellationRequested, "the probe did not finish");
            Assert.Empty(data.EnumerateFileSystemInfos()); // no SQLite file beside a shared store
            return (result, seen.Readyz);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private sealed class Seen
    {
        public (int Status, string Body) Readyz { get; set; }
    }

    private sealed class Probe(IServiceProvider services, Seen seen) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var address = services.GetRequiredService<WorkerHttpServer>().Address!;
                using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative), stoppingToken);
                seen.Readyz = ((int)response.StatusCode, await response.Content.ReadAsStringAsync(stoppingToken));
            }
            finally
            {
                services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            }
        }
    }
}
