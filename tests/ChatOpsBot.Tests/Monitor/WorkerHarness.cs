using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatOpsBot.Cli;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Hosting;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

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

    private readonly SemaphoreSlim _scheduled = new(0);
    private readonly Channel<TimeSpan?> _dispatcherWaits = Channel.CreateUnbounded<TimeSpan?>();
    private readonly List<FakeLogRecord> _earlierLogs = [];
    private IHost? _host;

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

    /// <summary>Builds the real worker host and starts it; waits until every target's first timer is set.</summary>
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
            ["Conversation:AllowPrivateBaseUrl"] = "true",
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
        var builder = AppHostBuilder.CreateWorker(console, s => s.AddSingleton<TimeProvider>(Time));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders(); // no console noise; the scrubbing logger factory stays and wraps the fake
        builder.Logging.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        _host = builder.Build();
        _host.Services.GetServices<IHostedService>().OfType<MonitorScheduler>().Single().Scheduled += _ => _scheduled.Release();
        _host.Services.GetRequiredService<OutboxSignal>().Waiting += wait => _dispatcherWaits.Writer.TryWrite(wait);
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
        await Discord.WaitUntilAsync(() => !Discord.Commands.IsEmpty, "the commands' bulk overwrite", TimeSpan.FromSeconds(20));
        await WaitScheduledAsync(Targets);
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
        while (_scheduled.CurrentCount > 0)
        {
            await _scheduled.WaitAsync(TestContext.Current.CancellationToken);
        }

        while (_dispatcherWaits.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Moves the clock past every target's next check and waits until each has run and rescheduled.</summary>
    public Task StepAsync(int checks = -1) => AdvanceAsync(TimeSpan.FromSeconds(66), checks < 0 ? Targets : checks);

    public async Task AdvanceAsync(TimeSpan by, int checks)
    {
        Time.Advance(by);
        await WaitScheduledAsync(checks);
    }

    /// <summary>
    /// Moves the clock in 5 s steps until <paramref name="done"/> holds, giving the worker up to a second of real time
    /// after each step: retries (the REST client's and the outbox's back-off) wait on the fake clock.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<bool> done, string what, int maxSteps = 40)
    {
        for (var i = 0; i < maxSteps && !done(); i++)
        {
            Time.Advance(TimeSpan.FromSeconds(5));
            try
            {
                await Discord.WaitUntilAsync(done, what, TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                // not yet: the next step moves the clock again
            }
        }

        if (!done())
        {
            throw new TimeoutException($"Moved the clock {maxSteps} × 5 s and still waited in vain for: {what}.\n{LogText}");
        }
    }

    /// <summary>Waits until the outbox dispatcher is idle with a timer set (a retry is scheduled); returns the wait.</summary>
    public async Task<TimeSpan> DispatcherTimerAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await _dispatcherWaits.Reader.ReadAsync(timeout.Token) is { } wait)
            {
                return wait;
            }
        }
    }

    /// <summary>
    /// Waits until the dispatcher has nothing left to do (it waits without a timer). When it waits for a retry instead
    /// (a POST that was in flight while a step jumped the clock times out on the fake clock, though the fake may have
    /// taken it), the clock is moved to that retry, so a duplicate would show up here rather than slip by.
    /// </summary>
    public async Task DispatcherIdleAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var retries = 0;
        while (await _dispatcherWaits.Reader.ReadAsync(timeout.Token) is { } wait)
        {
            if (!_dispatcherWaits.Reader.TryPeek(out _) && retries++ < 10)
            {
                Time.Advance(wait + TimeSpan.FromMilliseconds(1)); // the latest wait: its retry comes due now
            }
        }
    }

    public void ForgetDispatcherWaits()
    {
        while (_dispatcherWaits.Reader.TryRead(out _))
        {
        }
    }

    private async Task WaitScheduledAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _scheduled.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken))
            {
                throw new TimeoutException($"Waited for {count} target check(s) to finish; {i} did.\n{LogText}");
            }
        }
    }

    /// <summary>The bot's messages in a Discord channel, oldest first.</summary>
    public IReadOnlyList<JsonObject> DiscordMessages(ulong channel) =>
        [.. Discord.Messages.Values.Where(m => (string?)m["channel_id"] == channel.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => ulong.Parse((string)m["id"]!, System.Globalization.CultureInfo.InvariantCulture))];

    public Task DiscordMessagesAsync(ulong channel, int count) =>
        Discord.WaitUntilAsync(() => DiscordMessages(channel).Count >= count, $"{count} message(s) in channel {channel}", TimeSpan.FromSeconds(20));

    public async Task TelegramMessagesAsync(long chat, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Telegram.MessagesIn(chat).Count < count)
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited for {count} message(s) in {chat}; calls: {string.Join(", ", Telegram.Calls.Where(c => !c.Is("getUpdates")))}\n{LogText}");
            }

            try
            {
                await Telegram.WaitForCallAsync("sendMessage", c => c.Number("chat_id") == chat && c.Status != 0 && Telegram.MessagesIn(chat).Count >= count, TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException)
            {
                // The Telegram path spaces messages per chat on the clock (ChatSendGate, 1 s); on a fake clock
                // that jumped, a send may wait for the next tick. Nudge it by that second, no more.
                Time.Advance(TimeSpan.FromSeconds(1));
            }
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
        _scheduled.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
