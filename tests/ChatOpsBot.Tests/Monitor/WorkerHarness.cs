using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsBot.Cli;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Hosting;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Monitor;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Testing.StatusPages;

namespace ChatOpsBot.Tests.Monitor;

/// <summary>
/// The whole worker as <see cref="AppHostBuilder.CreateWorker"/> composes it (configuration, scrubbing logging, engine,
/// conversation, Discord client and adapter, Telegram adapter, monitor, store, outbox, destinations), with only the
/// edges replaced: settings in memory on top, environment variables from a dictionary, a <see cref="FakeTimeProvider"/>,
/// and fakes on loopback (OpenAI, Discord gateway + REST, Telegram). The fakes and the data directory outlive a host,
/// so a test can stop the worker and start a new one (a restart).
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    public const ulong Guild = 777_000_000_000_000_001;
    public const string TeamRole = "111";
    public const long TelegramTeamUser = 42;

    private readonly List<FakeLogRecord> _earlierLogs = [];
    private IHost? _host;
    private MonitorClock? _clock;

    private WorkerHarness(FakeDiscordServer discord, FakeTelegramServer telegram, FakeProviderServer openai, string goodKey)
    {
        Discord = discord;
        Telegram = telegram;
        OpenAI = openai;
        GoodKey = goodKey;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "chatopsbot-e2e-" + Guid.NewGuid().ToString("N"));

    public ConcurrentDictionary<string, string> Environment { get; } = new();

    public FakeDiscordServer Discord { get; }

    public FakeTelegramServer Telegram { get; }

    public FakeProviderServer OpenAI { get; }

    /// <summary>A key the fake OpenAI accepts.</summary>
    public string GoodKey { get; }

    /// <summary>A key the fake OpenAI refuses (401 invalid_api_key, echoing part of it).</summary>
    public string BadKey { get; } = TestKeys.OpenAIProject();

    public IServiceProvider Services => _host!.Services;

    /// <summary>
    /// The only way a test moves <see cref="Time"/> while the worker runs: only while every monitor loop is parked on
    /// the clock, so no check or delivery in flight sees the jump (one clock per host: a restart makes a new one).
    /// </summary>
    public MonitorClock Clock => _clock ?? throw new InvalidOperationException("The worker is not running.");

    public int Targets { get; private set; }

    /// <summary>Every log line of every host this harness ran.</summary>
    public IReadOnlyList<FakeLogRecord> Logs => [.. _earlierLogs, .. _host is null ? [] : Services.GetFakeLogCollector().GetSnapshot()];

    public string LogText => string.Join("\n", Logs.Select(l => $"{l.Level} {l.Message} {l.Exception}"));

    public static async Task<WorkerHarness> CreateAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var goodKey = TestKeys.OpenAIProject();
        var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions
        {
            HeartbeatIntervalMs = 2_000_000_000, // the bot's clock is fake and jumps by minutes: no heartbeat is due in a test
            BucketLimit = 1000,
        }, ct);
        discord.AddGuild(Guild, 1, (Guild, "@everyone", 0), (ulong.Parse(TeamRole, System.Globalization.CultureInfo.InvariantCulture), "team", 0));
        var telegram = await FakeTelegramServer.StartAsync(cancellationToken: ct);
        var openai = (await FakeProviderServer.StartAsync(ct)).AsOpenAI(goodKey);
        return new WorkerHarness(discord, telegram, openai, goodKey);
    }

    /// <summary>The settings every test starts from (Monitor:Targets come from <see cref="Target"/>).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Adds a watched OpenAI key, checked every minute, alerting to <paramref name="destinations"/>.</summary>
    public WorkerHarness Target(string name, string keyEnv, params string[] destinations)
    {
        var i = Targets++;
        Settings[$"Monitor:Targets:{i}:Name"] = name;
        Settings[$"Monitor:Targets:{i}:Provider"] = "openai";
        Settings[$"Monitor:Targets:{i}:KeyEnv"] = keyEnv;
        Settings[$"Monitor:Targets:{i}:Interval"] = "00:01:00";
        for (var d = 0; d < destinations.Length; d++)
        {
            Settings[$"Monitor:Targets:{i}:Destinations:{d}"] = destinations[d];
        }

        return this;
    }

    /// <summary>Builds the real worker host and starts it; waits until every monitor loop is parked on the clock.</summary>
    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl.ToString(),
            ["Telegram:Token"] = Telegram.Token,
            ["Telegram:ApiBaseUrl"] = Telegram.BaseUrl.ToString(),
            ["Telegram:PollTimeout"] = "00:00:01",
            ["Telegram:InitialBackoff"] = "00:00:00.050",
            ["Telegram:MaxBackoff"] = "00:00:00.200",
            ["Providers:OpenAI:BaseUrl"] = OpenAI.BaseUrl.ToString(),
            ["Access:Discord:RoleIds:0"] = TeamRole,
            ["Access:Telegram:UserIds:0"] = TelegramTeamUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = DataDirectory,
            ["Storage:BusyTimeout"] = "00:00:01",
            ["Monitor:FailuresBeforeAlert"] = "2",
            ["Monitor:RenotifyEvery"] = "00:05:00",
            ["Monitor:DeliveryRetryMin"] = "00:00:05",
            ["Monitor:DeliveryRetryMax"] = "00:00:20",
            ["Monitor:BlockedRetryEvery"] = "00:00:30",
            ["Logging:LogLevel:Default"] = "Debug",
        };
        foreach (var (k, v) in Settings)
        {
            settings[k] = v;
        }

        var console = new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false,
            n => n == AppHostBuilder.SecretsDirectoryVariable ? DataDirectory + "-no-secrets" : Environment.TryGetValue(n, out var v) ? v : null);
        var discordInFlight = new InFlightCounter(); // the Discord client's requests time out on the fake clock
        var builder = AppHostBuilder.CreateWorker(console, s =>
        {
            s.AddSingleton<TimeProvider>(Time);
            s.AddStatusPagesGuard();
            s.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => new InFlightHandler(discordInFlight));
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders(); // no console noise; the scrubbing logger factory stays and wraps the fake
        builder.Logging.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        _host = builder.Build();
        // The Discord client's requests time out on the same clock, and a Telegram message marks its chat's one-a-second
        // turn on it: the clock moves only while no request of either is out. Otherwise a reply recorded just after a
        // move marks its chat busy at the new time, and the alert sent there next waits a second the clock never gives.
        var telegram = _host.Services.GetService<TelegramBot>();
        var clock = new MonitorClock(Time, _host.Services.GetServices<IHostedService>().OfType<MonitorScheduler>().Single(), _host.Services.GetRequiredService<OutboxSignal>(), Targets, () => LogText,
            othersQuiet: () => discordInFlight.Count == 0 && (telegram?.CallsInFlight ?? 0) == 0);
        discordInFlight.Changed += clock.OthersChanged;
        if (telegram is not null)
        {
            telegram.CallsInFlightChanged += clock.OthersChanged;
        }
        _clock = clock;
        using (var start = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            start.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                await _host.StartAsync(start.Token);
            }
            catch (OperationCanceledException ex)
            {
                throw new TimeoutException("The worker did not start.\n" + LogText, ex);
            }
        }

        // The gateway is up (the commands are registered) before the test moves the clock: a request in flight
        // while fake time jumps minutes would time out on the fake clock.
        var collector = Services.GetFakeLogCollector(); // this host's lines only (a restart keeps the earlier ones)
        await collector.WaitForAsync(l => l.Is<ChatOpsBot.Discord.Adapter.DiscordAdapterService>(2), "the commands' bulk overwrite, answered (the adapter's Registered)", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await Clock.IdleAsync();
    }

    /// <summary>Stops the worker (as Ctrl-C would); its logs are kept.</summary>
    public async Task StopAsync()
    {
        if (_host is null)
        {
            return;
        }

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await _host.StopAsync(stop.Token);
        }

        _earlierLogs.AddRange(_host.Services.GetFakeLogCollector().GetSnapshot());
        _host.Dispose();
        _host = null;
        _clock?.Dispose();
        _clock = null;
    }

    /// <summary>Moves the clock by 66 s: past every target's next check (±10 % of a minute), each checked once.</summary>
    public Task StepAsync() => Clock.AdvanceAsync(TimeSpan.FromSeconds(66));

    /// <summary>Moves the clock once everything is parked; waits until what came due has run and parked again.</summary>
    public Task AdvanceAsync(TimeSpan by) => Clock.AdvanceAsync(by);

    /// <summary>Runs the clock from timer to timer (checks, retries) until <paramref name="done"/> holds, at most 10 minutes ahead.</summary>
    public Task RunUntilAsync(Func<bool> done, string what) => Clock.RunUntilAsync(done, what, TimeSpan.FromMinutes(10));

    /// <summary>Once everything is parked: the outbox dispatcher's timer (a retry), which must be set.</summary>
    public async Task<TimeSpan> DispatcherTimerAsync() =>
        await Clock.DispatcherWaitAsync() ?? throw new InvalidOperationException("The outbox dispatcher has no retry timer set.\n" + LogText);

    /// <summary>
    /// Runs the clock until the outbox has nothing left to retry: every entry delivered (a retry that would post a
    /// duplicate happens here, rather than slip by).
    /// </summary>
    public Task DispatcherIdleAsync() => Clock.DrainOutboxAsync();

    /// <summary>The bot's messages in a Discord channel, oldest first.</summary>
    public IReadOnlyList<JsonObject> DiscordMessages(ulong channel) =>
        [.. Discord.Messages.Values.Where(m => (string?)m["channel_id"] == channel.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => ulong.Parse((string)m["id"]!, System.Globalization.CultureInfo.InvariantCulture))];

    public async Task DiscordMessagesAsync(ulong channel, int count)
    {
        await Clock.IdleAsync(); // every delivery that was due has been attempted
        try
        {
            await Discord.WaitUntilAsync(() => DiscordMessages(channel).Count >= count, $"{count} message(s) in channel {channel}", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\nDiscord calls: " + string.Join(", ", Discord.Calls.Select(c => c.Method + " " + c.Path + " " + c.Status)) + "\n" + LogText, ex);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> messages are in a Telegram chat: a reply from the chat side (real I/O,
    /// no clock), or an alert (the outbox has run once everything is parked). The clock is never nudged here.
    /// </summary>
    public async Task TelegramMessagesAsync(long chat, int count)
    {
        await Clock.IdleAsync();
        try
        {
            await Telegram.WaitForCallAsync("sendMessage", c => c.Number("chat_id") == chat && c.Status != 0 && Telegram.MessagesIn(chat).Count >= count, TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException ex) when (Telegram.MessagesIn(chat).Count < count)
        {
            throw new TimeoutException($"Waited for {count} message(s) in {chat}; calls: {string.Join(", ", Telegram.Calls.Where(c => !c.Is("getUpdates")))}\n{LogText}", ex);
        }
    }

    /// <summary>The embed of a message that carries a <c>code: …</c> footer.</summary>
    public static JsonObject CodeEmbed(JsonObject message) =>
        message["embeds"]!.AsArray().OfType<JsonObject>().First(e => ((string?)e["footer"]?["text"])?.StartsWith("code: ", StringComparison.Ordinal) == true);

    public static string Footer(JsonObject message) => (string)CodeEmbed(message)["footer"]!["text"]!;

    public static int Colour(JsonObject message) => (int)CodeEmbed(message)["color"]!;

    /// <summary>Every request the fakes received, every gateway frame the bot sent and every log line: no key, no bot token.</summary>
    public void AssertNothingLeaked(params string[] more)
    {
        var telegramSecret = Telegram.Token[(Telegram.Token.IndexOf(':', StringComparison.Ordinal) + 1)..];
        string[] secrets = [GoodKey, BadKey, FakeDiscordOptions.DefaultToken, telegramSecret, .. more];
        foreach (var call in Discord.Calls)
        {
            LeakAssert.NoSecret(call.Body, secrets);
            LeakAssert.NoSecret(call.ResponseBody, secrets);
        }

        foreach (var message in Discord.Messages.Values)
        {
            LeakAssert.NoSecret(message.ToJsonString(), secrets);
        }

        foreach (var frame in Discord.Frames.Where(f => f.Op is not 2 and not 6))
        {
            LeakAssert.NoSecret(frame.Text, secrets);
        }

        foreach (var call in Telegram.Calls)
        {
            LeakAssert.NoSecret(call.Body, secrets);
            LeakAssert.NoSecret(call.Parameters.ToJsonString(), secrets);
        }

        LeakAssert.NoSecret(LogText, secrets);
        foreach (var file in Directory.Exists(DataDirectory) ? Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories) : [])
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            LeakAssert.NoSecret(System.Text.Encoding.Latin1.GetString(memory.ToArray()), secrets);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Discord.DisposeAsync();
        await Telegram.DisposeAsync();
        await OpenAI.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
