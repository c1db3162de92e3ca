using System.Net;
using System.Net.Sockets;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Tests.Scale;

/// <summary>
/// The worker as a process, its PostgreSQL not there: it says which host it cannot reach (never the password),
/// keeps running and tries again with back-off. Polls real time, bounded.
/// </summary>
public sealed class DatabaseDownAtStartTests : IDisposable
{
    private const string Password = "db-Passw0rd-never-shown-41c7";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-dbdown-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Worker_DatabaseUnreachable_NamesTheHostNotThePasswordAndRetries()
    {
        Directory.CreateDirectory(_directory);
        var key = TestKeys.OpenAIProject();
        var keyFile = Path.Combine(_directory, "key");
        await File.WriteAllTextAsync(keyFile, key, TestContext.Current.CancellationToken);
        var port = ClosedPort();
        await using var replica = ReplicaProcess.Start(new Dictionary<string, string>
        {
            ["CHATOPSBOT_SECRETS_DIR"] = Path.Combine(_directory, "no-secrets"),
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=bot;Username=bot;Password={Password};Timeout=2",
            ["Monitor__Targets__0__Name"] = "prod",
            ["Monitor__Targets__0__Provider"] = "openai",
            ["Monitor__Targets__0__KeyFile"] = keyFile,
        });
        var expected = $"The monitor's store postgres://127.0.0.1:{port}/bot could not be opened: it cannot be reached";

        var started = TimeProvider.System.GetTimestamp();
        while (CountOf(replica.Output, expected) < 2) // the first failure and one retry
        {
            Assert.False(replica.HasExited, "The worker stopped instead of waiting for its database:\n" + replica.Output);
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "No retry seen:\n" + replica.Output);
            await Task.Delay(100, TestContext.Current.CancellationToken); // polling a real process, within a bound
        }

        Assert.Contains("trying again in", replica.Output, StringComparison.Ordinal);
        LeakAssert.NoSecret(replica.Output, Password, key);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
