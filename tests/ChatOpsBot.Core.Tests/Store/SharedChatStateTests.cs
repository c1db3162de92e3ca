using System.Text;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Core.Store;
using ChatOpsBot.Core.Store.Postgres;
using ChatOpsBot.Core.Tests.Conversation;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Postgres;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChatOpsBot.Core.Tests.Store;

/// <summary>
/// Two replicas (two conversation layers, each with its own store instance) on one throwaway PostgreSQL database and
/// one fake clock: the results behind buttons and the hourly check limit are shared; with the database down, buttons
/// answer "try again" and the limit falls back to each process.
/// </summary>
public sealed class SharedChatStateTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int PerHour = 3;

    private readonly string _teamKey = TestKeys.OpenAIProject();
    private readonly string _geminiKey = TestKeys.Gemini();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly List<PostgresMonitorStore> _stores = [];
    private readonly List<ConversationHarness> _replicas = [];
    private FakeProviderServer _openai = null!;
    private FakeProviderServer _gemini = null!;
    private string _connectionString = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _connectionString = await postgres.CreateDatabaseAsync(ct);
        _openai = (await FakeProviderServer.StartAsync(ct)).AsOpenAI(_teamKey);
        _gemini = (await FakeProviderServer.StartAsync(ct)).AsGemini(_geminiKey);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await _openai.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    [Fact]
    public async Task A_button_pressed_on_one_replica_opens_a_result_made_on_the_other()
    {
        var (a, b) = (Replica(), Replica());
        var owner = new ChatUser(ChatPlatform.Telegram, "42", []);

        var team = await a.SendAsync(ConversationHarness.Dm("/diagnose openai", "42", ChatPlatform.Telegram));
        var own = await a.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "42", ChatPlatform.Telegram));
        var details = team.Last.Buttons.Single(x => x.Action == ReplyButtonAction.Details).CustomId;
        var rerun = team.Last.Buttons.Single(x => x.Action == ReplyButtonAction.Rerun).CustomId;
        var ownDetails = own.Last.Buttons.Single(x => x.Action == ReplyButtonAction.Details).CustomId;

        var shown = await b.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = details });
        var again = await b.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = rerun });
        var ownShown = await b.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = ownDetails });
        var stranger = await b.SendAsync(new IncomingMessage { User = new ChatUser(ChatPlatform.Telegram, "7", []), IsPrivate = true, ButtonId = ownDetails });

        Assert.Equal(ReplyKind.Details, shown.Last.Kind);
        Assert.Contains("code: ok", PlainTextRenderer.Render(shown.Last), StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.Ok, Assert.Single(again.Last.Cards).Verdict.Code);
        Assert.Equal(ReplyKind.Details, ownShown.Last.Kind);
        Assert.Contains("code: ok", PlainTextRenderer.Render(ownShown.Last), StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Refusal, stranger.Last.Kind);
        Assert.Equal(32, details[(details.IndexOf(':', StringComparison.Ordinal) + 1)..].Length); // 128 random bits

        // What the database holds: no key, not even 8 characters of one, and no user id in the limit's table.
        var results = await ReadTableAsync("chat_results");
        var stamps = await ReadTableAsync("user_checks");
        Assert.Contains("\"UserId\":\"42\"", results, StringComparison.Ordinal); // the result's owner, for the owner check
        LeakAssert.NoSecret(results + stamps, _teamKey, _geminiKey);
        Assert.Matches("^[0-9a-f]{32}$", stamps.Split('\t')[1]); // users as a hash of their platform id, never the id
        foreach (var replica in _replicas)
        {
            LeakAssert.NoSecret(string.Join("\n", replica.Logs.Select(l => l.Message)), _teamKey, _geminiKey);
        }
    }

    [Fact]
    public async Task A_result_outlives_the_replica_that_made_it_and_expires_after_the_retention()
    {
        var a = Replica();
        var team = await a.SendAsync(ConversationHarness.Dm("/diagnose openai", "42", ChatPlatform.Telegram));
        var details = team.Last.Buttons.Single(x => x.Action == ReplyButtonAction.Details).CustomId;
        a.Dispose();
        _replicas.Remove(a);

        var restarted = Replica();
        var owner = new ChatUser(ChatPlatform.Telegram, "42", []);
        var shown = await restarted.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = details });
        _time.Advance(TimeSpan.FromHours(1)); // Conversation:ResultRetention
        var late = await restarted.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = details });

        Assert.Equal(ReplyKind.Details, shown.Last.Kind);
        Assert.Contains("That result has expired", late.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hourly_limit_is_counted_once_across_replicas_and_refuses_with_the_right_retry_time()
    {
        var (a, b) = (Replica(), Replica());
        var firstAt = _time.GetUtcNow();

        for (var i = 0; i < PerHour; i++)
        {
            var replica = i % 2 == 0 ? a : b;
            var sink = await replica.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "u5"));
            Assert.Single(sink.Last.Cards);
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var refusedOnA = await a.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "u5"));
        var refusedOnB = await b.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "u5"));
        var otherUser = await b.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "u6"));
        _time.Advance(firstAt + TimeSpan.FromHours(1) - _time.GetUtcNow()); // the first check leaves the window
        var freed = await b.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "u5"));

        foreach (var refused in new[] { refusedOnA, refusedOnB })
        {
            Assert.Equal(ReplyKind.Refusal, refused.Last.Kind);
            Assert.Contains($"checked {PerHour} keys of your own in the last hour", refused.Last.Text, StringComparison.Ordinal);
            Assert.Contains("Try again in 30 minutes (at 13:00 UTC)", refused.Last.Text, StringComparison.Ordinal);
        }

        Assert.Single(otherUser.Last.Cards);
        Assert.Single(freed.Last.Cards);
    }

    [Fact]
    public async Task Concurrent_acquires_from_two_replicas_never_grant_more_than_the_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = (Store(), Store());
        var now = _time.GetUtcNow();

        var grants = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? a : b).AcquireUserChecksAsync("Discord:9", 1 + (i % 3), 5, TimeSpan.FromHours(1), now, ct)));

        Assert.Equal(5, grants.Sum(g => g.Granted));
        Assert.All(grants.Where(g => g.Granted == 0), g => Assert.Equal(now + TimeSpan.FromHours(1), g.RetryAt));
    }

    [Fact]
    public async Task The_store_work_of_one_chat_check_is_a_few_milliseconds()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Store();
        await store.OpenAsync(ct);
        const int Rounds = 200;
        var now = _time.GetUtcNow();
        var started = TimeProvider.System.GetTimestamp();

        for (var i = 0; i < Rounds; i++)
        {
            var at = now.AddSeconds(i);
            await store.AcquireUserChecksAsync($"Discord:{i % 20}", 1, 1000, TimeSpan.FromHours(1), at, ct);
            await store.SaveResultAsync($"token-{i}", "{\"Report\":{}}", at.AddHours(1), at, ct);
            Assert.NotNull(await store.GetResultAsync($"token-{i}", at, ct));
        }

        var perRound = TimeProvider.System.GetElapsedTime(started) / Rounds;
        TestContext.Current.TestOutputHelper?.WriteLine($"store work per chat check (limit, save result, button read): {perRound.TotalMilliseconds:F2} ms");
        Assert.True(perRound < TimeSpan.FromMilliseconds(100), $"{perRound.TotalMilliseconds} ms per chat check");
    }

    [Fact]
    public async Task With_the_database_down_a_button_says_try_again_and_the_limit_holds_per_process()
    {
        var down = Store($"Host=127.0.0.1;Port={ClosedPort()};Database=bot;Username=bot;Password={PostgresCluster.Password};Timeout=3");
        var replica = Replica(down);
        var owner = new ChatUser(ChatPlatform.Discord, "u5", []);

        var unknown = await replica.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = "details:0123456789abcdef0123456789abcdef" });
        var checks = new List<RecordingReplySink>();
        for (var i = 0; i <= PerHour; i++)
        {
            checks.Add(await replica.SendAsync(ConversationHarness.Dm($"gemini {_geminiKey}", "u5")));
        }

        var details = checks[0].Last.Buttons.Single(x => x.Action == ReplyButtonAction.Details).CustomId;
        var shown = await replica.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = details });

        Assert.Equal(ReplyKind.Info, unknown.Last.Kind);
        Assert.Contains("I cannot reach my database right now", unknown.Last.Text, StringComparison.Ordinal);
        Assert.Contains("Press the button again in a minute", unknown.Last.Text, StringComparison.Ordinal);
        Assert.All(checks.Take(PerHour), c => Assert.Single(c.Last.Cards));
        Assert.Equal(ReplyKind.Refusal, checks[PerHour].Last.Kind); // never unlimited
        Assert.Equal(ReplyKind.Details, shown.Last.Kind); // kept in this process while the store is down
        var logs = replica.Logs.Select(l => l.Message).ToList();
        Assert.Single(logs, m => m.StartsWith("Check limit: the shared store cannot be asked", StringComparison.Ordinal));
        Assert.Single(logs, m => m.StartsWith("Results: the shared store did not take a result", StringComparison.Ordinal));
        LeakAssert.NoSecret(string.Join("\n", logs), _geminiKey, PostgresCluster.Password);
    }

    [Fact]
    public async Task With_a_database_that_takes_the_connection_but_never_answers_a_button_says_try_again_after_the_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var replica = Replica(Store($"Host=127.0.0.1;Port={port};Database=bot;Username=bot;Password={PostgresCluster.Password};Timeout=60"));
        var owner = new ChatUser(ChatPlatform.Discord, "u5", []);

        var press = replica.SendAsync(new IncomingMessage { User = owner, IsPrivate = true, ButtonId = "details:0123456789abcdef0123456789abcdef" });
        using var connection = await silent.AcceptTcpClientAsync(ct); // the store is asked, and hangs

        // The bound's timer is set once the driver is waiting on the socket, a moment after the accept: the fake clock
        // is moved past it until the press is answered (real time only paces the loop; 10 s at most).
        for (var i = 0; i < 200 && !press.IsCompleted; i++)
        {
            _time.Advance(ResultStore.StoreTimeout);
            await Task.WhenAny(press, Task.Delay(50, ct));
        }

        var sink = await press;

        Assert.Contains("I cannot reach my database right now", sink.Last.Text, StringComparison.Ordinal);
    }

    private ConversationHarness Replica(PostgresMonitorStore? store = null)
    {
        var shared = store ?? Store();
        var replica = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Providers:OpenAI:BaseUrl"] = _openai.BaseUrl.ToString(),
                ["Providers:Gemini:BaseUrl"] = _gemini.BaseUrl.ToString(),
                ["TeamKeys:0:Name"] = "prod",
                ["TeamKeys:0:Provider"] = "openai",
                ["TeamKeys:0:KeyEnv"] = "PROD_OPENAI_KEY",
                ["Access:Telegram:UserIds:0"] = "42",
                ["Access:UserKeyChecksPerHour"] = PerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            new Dictionary<string, string> { ["PROD_OPENAI_KEY"] = _teamKey },
            _time,
            services => services.AddSingleton<IMonitorStore>(shared));
        _replicas.Add(replica);
        return replica;
    }

    private PostgresMonitorStore Store(string? connectionString = null)
    {
        var store = new PostgresMonitorStore(
            Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString ?? _connectionString }),
            NullLogger<PostgresMonitorStore>.Instance);
        _stores.Add(store);
        return store;
    }

    /// <summary>Every row of <paramref name="table"/> as text, read straight from the database.</summary>
    private async Task<string> ReadTableAsync(string table)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand($"SELECT * FROM {table};");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var text = new StringBuilder();
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.GetValue(i)).Append('\t');
            }

            text.Append('\n');
        }

        Assert.NotEqual(0, text.Length);
        return text.ToString();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
