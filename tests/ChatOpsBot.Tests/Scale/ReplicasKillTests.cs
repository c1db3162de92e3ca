using System.Globalization;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Postgres;
using ChatOpsBot.Testing.Providers;
using Npgsql;

namespace ChatOpsBot.Tests.Scale;

/// <summary>
/// Three real worker processes on one real PostgreSQL, watching six targets that alert to a Discord channel (bot
/// messages with a nonce) and a Discord webhook. One replica is killed with SIGKILL while it is sending an alert that
/// Discord took but never answered: nothing is lost, the channel gets no duplicate (the nonce), the webhook at most
/// one, and every target keeps being checked by the other two. Polls real time, bounded.
/// </summary>
public sealed class ReplicasKillTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Targets = 6;
    private const ulong Guild = 777_000_000_000_000_001;
    private const ulong Channel = 880_000_000_000_000_001;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-replicas-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<ReplicaProcess> _replicas = [];
    private readonly string _goodKey = TestKeys.OpenAIProject();
    private readonly string _badKey = TestKeys.OpenAIProject();
    private FakeDiscordServer _discord = null!;
    private FakeProviderServer _openai = null!;
    private string _connectionString = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_directory);
        _connectionString = await postgres.CreateDatabaseAsync(ct);
        _discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { BucketLimit = 1000, MaxConcurrency = 16 }, ct);
        _discord.AddGuild(Guild, 1, (Guild, "@everyone", 0));
        _discord.AddChannel(Guild, 0, Channel);
        _openai = (await FakeProviderServer.StartAsync(ct)).AsOpenAI(_goodKey);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _discord.DisposeAsync();
        await _openai.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ThreeReplicas_OneKilledMidDelivery_NothingLostNoChannelDuplicateEveryTargetStillChecked()
    {
        var ct = TestContext.Current.CancellationToken;
        var webhook = _discord.AddWebhook();
        var environment = Environment(webhook.Url);
        SetKeys(_goodKey);
        for (var i = 0; i < 3; i++)
        {
            _replicas.Add(ReplicaProcess.Start(environment));
        }

        // Every target checked (by some replica) and healthy.
        await PollAsync(async () => (await CountsAsync("SELECT target, COUNT(*) FROM checks GROUP BY target;", ct)).Count == Targets, "every target checked once");

        // Discord takes the first alert posted in the channel but never answers; every target starts failing.
        _discord.TakeThenHangNext("POST /channels/", 1);
        SetKeys(_badKey);
        await PollAsync(() => Task.FromResult(_discord.HangingRequests == 1), "an alert held by Discord without an answer");
        var holder = await ScalarAsync<string>("SELECT claimed_by FROM outbox WHERE destination = @d AND delivered IS NULL AND claimed_by IS NOT NULL ORDER BY id LIMIT 1;", ct, ("d", "discord:" + Str(Channel)));
        var victim = _replicas.Single(r => holder.Split('/')[1] == Str(r.Id));
        var killedAt = await ScalarAsync<long>("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint;", ct);
        victim.Kill();

        // Every failing alert delivered by the survivors, the taken-over one with its nonce.
        await PollAsync(async () => await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE kind = 'failing' AND delivered IS NOT NULL;", ct) == 2 * Targets, "all failing alerts delivered");

        // The targets recover: every recovery notice goes out too, and every target is still checked.
        SetKeys(_goodKey);
        await PollAsync(async () => await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE kind = 'recovered' AND delivered IS NOT NULL;", ct) == 2 * Targets, "all recovery notices delivered");

        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE delivered IS NULL;", ct));
        var rows = await CountsAsync("SELECT destination, COUNT(*) FROM outbox GROUP BY destination;", ct);
        var channelMessages = _discord.Messages.Values.Count(m => (string?)m["channel_id"] == Str(Channel));
        var webhookMessages = _discord.Messages.Values.Count(m => (string?)m["channel_id"] == Str(webhook.ChannelId));
        Assert.Equal(rows["discord:" + Str(Channel)], channelMessages); // exactly once: the nonce covered the lost answer
        var webhookRows = rows.Where(r => r.Key != "discord:" + Str(Channel)).Sum(r => r.Value);
        Assert.Equal(2 * 2 * Targets, rows.Values.Sum()); // a failing alert and a recovery notice per target and destination
        Assert.InRange(webhookMessages - webhookRows, 0, 1); // one crash: at most one duplicate
        // Every target keeps being checked: each within two intervals (10 s) of the kill, and again after that.
        await PollAsync(async () => (await CountsAsync($"SELECT target, COUNT(*) FROM checks WHERE at > {killedAt} GROUP BY target HAVING COUNT(*) >= 2;", ct)).Count == Targets,
            "every target checked twice after the kill");
        var firstAfterKill = await CountsAsync($"SELECT target, MIN(at) - {killedAt} FROM checks WHERE at > {killedAt} GROUP BY target;", ct);
        Assert.All(firstAfterKill.Values, ms => Assert.InRange(ms, 0, 10_000));
        Assert.All(_replicas.Where(r => r != victim), r => Assert.False(r.HasExited, r.Output));

        // The figures the README quotes: queued → delivered, for the alerts across the kill and the calm recovery.
        foreach (var kind in new[] { "failing", "recovered" })
        {
            var latency = await CountsAsync($"SELECT 'max', MAX(delivered - created) FROM outbox WHERE kind = '{kind}' UNION ALL SELECT 'median', (PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY delivered - created))::bigint FROM outbox WHERE kind = '{kind}';", ct);
            TestContext.Current.TestOutputHelper?.WriteLine($"{kind}: alert latency median {latency["median"]} ms, max {latency["max"]} ms");
        }

        foreach (var replica in _replicas)
        {
            LeakAssert.NoSecret(replica.Output, _goodKey, _badKey, PostgresCluster.Password, FakeDiscordOptions.DefaultToken, webhook.Token);
        }
    }

    private Dictionary<string, string> Environment(Uri webhook)
    {
        var env = new Dictionary<string, string>
        {
            ["CHATOPSBOT_SECRETS_DIR"] = Path.Combine(_directory, "no-secrets"),
            ["Discord__Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord__ApiBaseUrl"] = _discord.ApiBaseUrl.ToString(),
            ["Providers__OpenAI__BaseUrl"] = _openai.BaseUrl.ToString(),
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = _connectionString,
            ["Storage__LeaseDuration"] = "00:00:03",
            ["Storage__DataDirectory"] = Path.Combine(_directory, "data"),
            ["Monitor__FailuresBeforeAlert"] = "1",
            ["Monitor__RenotifyEvery"] = "00:00:00",
            ["Monitor__FlapChanges"] = "0",
            ["Monitor__DeliveryRetryMin"] = "00:00:01",
            ["Monitor__DeliveryRetryMax"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Information",
        };
        for (var i = 0; i < Targets; i++)
        {
            env[$"Monitor__Targets__{i}__Name"] = $"t{i}";
            env[$"Monitor__Targets__{i}__Provider"] = "openai";
            env[$"Monitor__Targets__{i}__KeyFile"] = KeyFile(i);
            env[$"Monitor__Targets__{i}__Interval"] = "00:00:05";
            env[$"Monitor__Targets__{i}__Destinations__0"] = "discord:" + Str(Channel);
            env[$"Monitor__Targets__{i}__Destinations__1"] = "discord-webhook:" + webhook;
        }

        return env;
    }

    private string KeyFile(int i) => Path.Combine(_directory, $"key{i}");

    private void SetKeys(string key)
    {
        for (var i = 0; i < Targets; i++)
        {
            var temporary = KeyFile(i) + ".new";
            File.WriteAllText(temporary, key);
            File.Move(temporary, KeyFile(i), overwrite: true);
        }
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

            await Task.Delay(100, TestContext.Current.CancellationToken); // polling several real processes, within a bound
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

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<Dictionary<string, long>> CountsAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static string Str(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Str(int id) => id.ToString(CultureInfo.InvariantCulture);
}
