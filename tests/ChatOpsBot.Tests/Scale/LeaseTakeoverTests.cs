using System.Globalization;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Postgres;
using ChatOpsBot.Testing.Telegram;
using Npgsql;

namespace ChatOpsBot.Tests.Scale;

/// <summary>
/// Two real worker processes with the same settings on one real PostgreSQL, against the fake Discord and the fake
/// Telegram: only the holder of each lease connects the gateway or polls; the other stands by. Stopped cleanly (SIGTERM)
/// the holder closes its session with 1000 and gives the leases up, and the standby takes over at once; killed
/// (SIGKILL), the standby takes over once the leases run out. After each takeover a Discord command and a Telegram
/// message are answered exactly once. Polls real time, bounded.
/// </summary>
public sealed class LeaseTakeoverTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const long TelegramUser = 4_242_424_242;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>What a takeover may take beyond the lease's own expiry: a standby's next ask, then connect and identify.</summary>
    private static readonly TimeSpan TakeoverSlack = TimeSpan.FromSeconds(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-leases-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<ReplicaProcess> _replicas = [];
    private FakeDiscordServer _discord = null!;
    private FakeTelegramServer _telegram = null!;
    private string _connectionString = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _connectionString = await postgres.CreateDatabaseAsync(Ct);
        _discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { BucketLimit = 1000, MaxConcurrency = 16 }, Ct);
        _telegram = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _discord.DisposeAsync();
        await _telegram.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TwoReplicas_OneHoldsGatewayAndPolling_TakeoverOnStopAndOnKill_AnsweredExactlyOnce()
    {
        // A starts alone and takes both leases; B, started after it with the same settings, stands by for both.
        var a = Start("a");
        await PollAsync(async () => await HoldersAsync() is { Count: 2 } h && h.Values.All(pid => pid == a.Id) && _discord.Identifies.Count(i => i.Accepted) == 1,
            "replica A holding the gateway and polling");
        var b = Start("b");
        await PollAsync(() => Task.FromResult(StandsBy(b)), "replica B standing by for both");
        Assert.Single(_discord.Identifies);
        Assert.Single(_discord.Connections, c => c.IsOpen);
        Assert.DoesNotContain(_telegram.CallsOf("getUpdates"), c => c.Status == 409);
        var perMessage = await AnsweredOnceAsync(expectedTelegramMessages: null);

        // SIGTERM A: it closes its session with 1000 (Discord ends it), gives the leases up, and B takes over at once.
        var first = _discord.Connections.Single(c => c.IsOpen);
        var stopped = TimeProvider.System.GetTimestamp();
        await a.TerminateAsync(Ct);
        await PollAsync(async () => await HoldersAsync() is { Count: 2 } h && h.Values.All(pid => pid == b.Id) && ReadyConnections() == 1, "replica B taking over after A stopped");
        var afterStop = TimeProvider.System.GetElapsedTime(stopped);
        Assert.Equal(1000, first.ClientCloseCode);
        Assert.True(afterStop < LeaseDuration + TakeoverSlack, $"took {afterStop}");
        Assert.Contains("Telegram polling handed over", a.Output, StringComparison.Ordinal);
        await AnsweredOnceAsync(perMessage);

        // A again, now the standby; SIGKILL B: A takes over once B's leases run out.
        var again = Start("a");
        await PollAsync(() => Task.FromResult(StandsBy(again)), "replica A standing by again");
        var killed = TimeProvider.System.GetTimestamp();
        b.Kill();
        await PollAsync(async () => await HoldersAsync() is { Count: 2 } h && h.Values.All(pid => pid == again.Id) && ReadyConnections() == 1, "replica A taking over after B was killed");
        var afterKill = TimeProvider.System.GetElapsedTime(killed);
        Assert.True(afterKill < LeaseDuration + TakeoverSlack, $"took {afterKill}");
        await AnsweredOnceAsync(perMessage);

        TestContext.Current.TestOutputHelper?.WriteLine($"takeover after a clean stop: {afterStop.TotalSeconds:0.0} s; after a kill: {afterKill.TotalSeconds:0.0} s (Storage:LeaseDuration {LeaseDuration.TotalSeconds:0} s)");
        foreach (var replica in _replicas)
        {
            LeakAssert.NoSecret(replica.Output, FakeDiscordOptions.DefaultToken, _telegram.Token, PostgresCluster.Password);
        }
    }

    /// <summary>
    /// A Discord DM command and a Telegram private message, each answered once: one callback for the interaction, sent
    /// to one live gateway connection, and the Telegram update confirmed with as many sendMessage calls as the first
    /// time (<paramref name="expectedTelegramMessages"/>; null the first time). Returns the sendMessage count.
    /// </summary>
    private async Task<int> AnsweredOnceAsync(int? expectedTelegramMessages)
    {
        Assert.Single(_discord.Connections, c => c.IsOpen);
        var interaction = await _discord.InjectInteractionAsync(_discord.SlashCommand("help"));
        await _discord.WaitUntilAsync(() => interaction.Callbacks.Count > 0, "the /help callback", Bound);

        var before = SentTo(TelegramUser);
        var update = _telegram.EnqueuePrivateMessage(TelegramUser, "/help");
        await PollAsync(() => Task.FromResult(SentTo(TelegramUser) > before && !_telegram.PendingUpdateIds.Contains(update)), "the Telegram /help answered and confirmed");
        var sent = SentTo(TelegramUser) - before;

        Assert.Single(interaction.Callbacks); // no second replica took it too
        if (expectedTelegramMessages is { } expected)
        {
            Assert.Equal(expected, sent);
        }

        return sent;
    }

    private int SentTo(long chat) => _telegram.CallsOf("sendMessage").Count(c => c.Status == 200 && c.Number("chat_id") == chat);

    private int ReadyConnections() => _discord.Connections.Count(c => c.IsOpen && c.ShardId is not null);

    private static bool StandsBy(ReplicaProcess replica) =>
        replica.Output.Contains("Lease discord-gateway: another replica holds it", StringComparison.Ordinal)
        && replica.Output.Contains("Lease telegram-polling: another replica holds it", StringComparison.Ordinal);

    private ReplicaProcess Start(string name)
    {
        var replica = ReplicaProcess.Start(new Dictionary<string, string>
        {
            ["CHATOPSBOT_SECRETS_DIR"] = Path.Combine(_directory, "no-secrets"),
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = _discord.ApiBaseUrl.ToString(),
            ["Telegram__Token"] = _telegram.Token,
            ["Telegram__ApiBaseUrl"] = _telegram.BaseUrl.ToString(),
            ["Telegram__PollTimeout"] = "00:00:02",
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = _connectionString,
            ["Storage__LeaseDuration"] = "00:00:03",
            ["Storage__DataDirectory"] = Path.Combine(_directory, "data-" + name), // each replica its own offset file
            ["Logging__LogLevel__Default"] = "Information",
        });
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Each lease's kind and the process id of its holder (from the replica id, host/pid/random), unexpired ones only.</summary>
    private async Task<Dictionary<string, int>> HoldersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT name, holder FROM leases WHERE expires > (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint;", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var holders = new Dictionary<string, int>();
        while (await reader.ReadAsync(Ct))
        {
            holders[reader.GetString(0).Split(':')[0]] = int.Parse(reader.GetString(1).Split('/')[1], CultureInfo.InvariantCulture);
        }

        return holders;
    }

    private async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await MetAsync(condition))
        {
            if (TimeProvider.System.GetElapsedTime(started) > Bound)
            {
                Assert.Fail($"Timed out waiting for: {what}.\n" + string.Join("\n---\n", _replicas.Select(r => r.Output)));
            }

            await Task.Delay(100, Ct); // polling several real processes, within a bound
        }
    }

    private static async Task<bool> MetAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false; // the replicas have not created the tables yet
        }
    }
}
