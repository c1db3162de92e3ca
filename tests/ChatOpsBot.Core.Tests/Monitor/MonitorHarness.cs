using System.Text;
using System.Threading.Channels;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Monitor;

/// <summary>
/// The real monitor in a real host (engine, conversation layer, <c>AddMonitor</c>, hosted services), with only the
/// edges replaced: configuration in memory, environment variables from a dictionary the test may change, a
/// <see cref="FakeTimeProvider"/>, recording alert destinations, and fake providers on loopback.
/// Time moves only when the test says so, and only while nothing is running: <see cref="StepAsync"/> advances the
/// clock and waits until every target's check has finished and its next timer is set.
/// </summary>
internal sealed class MonitorHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly SemaphoreSlim _scheduled = new(0);
    private readonly Channel<TimeSpan?> _dispatcherWaits = Channel.CreateUnbounded<TimeSpan?>();

    private MonitorHarness(IHost host, FakeTimeProvider time, int targets)
    {
        _host = host;
        Time = time;
        Targets = targets;
    }

    public FakeTimeProvider Time { get; }

    public int Targets { get; }

    public IServiceProvider Services => _host.Services;

    public MonitorScheduler Scheduler => Services.GetServices<IHostedService>().OfType<MonitorScheduler>().Single();

    public IMonitorControl Control => Services.GetRequiredService<IMonitorControl>();

    public IReadOnlyList<FakeLogRecord> Logs => Services.GetFakeLogCollector().GetSnapshot();

    public static Dictionary<string, string?> Settings(string dataDirectory, Uri openAI, params (string Name, string KeyEnv, string Destination)[] targets)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Storage:BusyTimeout"] = "00:00:01",
            ["Providers:OpenAI:BaseUrl"] = openAI.ToString(),
            ["Monitor:FailuresBeforeAlert"] = "2",
            ["Monitor:RenotifyEvery"] = "00:05:00",
            ["Monitor:DeliveryRetryMin"] = "00:00:05",
            ["Monitor:DeliveryRetryMax"] = "00:00:20",
            ["Monitor:BlockedRetryEvery"] = "00:00:30",
        };
        for (var i = 0; i < targets.Length; i++)
        {
            settings[$"Monitor:Targets:{i}:Name"] = targets[i].Name;
            settings[$"Monitor:Targets:{i}:Provider"] = "openai";
            settings[$"Monitor:Targets:{i}:KeyEnv"] = targets[i].KeyEnv;
            settings[$"Monitor:Targets:{i}:Interval"] = "00:01:00";
            settings[$"Monitor:Targets:{i}:Destinations:0"] = targets[i].Destination;
        }

        return settings;
    }

    /// <summary>Builds the host; <see cref="StartAsync"/> starts it.</summary>
    public static IHost Build(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> environment, FakeTimeProvider time, params IAlertDestination[] destinations)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = true);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(new EnvironmentVariables(n => environment.TryGetValue(n, out var v) ? v : null));
        foreach (var destination in destinations)
        {
            builder.Services.AddSingleton(destination);
        }

        builder.Services.AddDiagnostics();
        builder.Services.AddConversation();
        builder.Services.AddMonitor();
        return builder.Build();
    }

    public static async Task<MonitorHarness> StartAsync(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> environment, FakeTimeProvider time, params IAlertDestination[] destinations)
    {
        var host = Build(settings, environment, time, destinations);
        var targets = settings.Keys.Count(k => k.StartsWith("Monitor:Targets:", StringComparison.Ordinal) && k.EndsWith(":Name", StringComparison.Ordinal));
        var harness = new MonitorHarness(host, time, targets);
        var services = host.Services.GetServices<IHostedService>().ToList();
        services.OfType<MonitorScheduler>().Single().Scheduled += _ => harness._scheduled.Release();
        host.Services.GetRequiredService<OutboxSignal>().Waiting += wait => harness._dispatcherWaits.Writer.TryWrite(wait);
        await host.StartAsync(TestContext.Current.CancellationToken);
        await harness.WaitScheduledAsync(targets); // every target's first (jittered) timer is set
        return harness;
    }

    /// <summary>Moves the clock to every target's next check (first: within one interval) and waits for the checks.</summary>
    public Task StepAsync(int checks = -1) => AdvanceAsync(TimeSpan.FromSeconds(66), checks < 0 ? Targets : checks);

    /// <summary>Advances the clock, then waits until <paramref name="checks"/> checks have finished and rescheduled.</summary>
    public async Task AdvanceAsync(TimeSpan by, int checks)
    {
        Time.Advance(by);
        await WaitScheduledAsync(checks);
    }

    /// <summary>Waits for the dispatcher to go idle with a timer set, and returns how long it will wait.</summary>
    public async Task<TimeSpan> DispatcherTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, TestContext.Current.CancellationToken);
        while (true)
        {
            if (await _dispatcherWaits.Reader.ReadAsync(linked.Token) is { } wait)
            {
                return wait;
            }
        }
    }

    /// <summary>Drops dispatcher waits seen so far (the next <see cref="DispatcherTimerAsync"/> sees only new ones).</summary>
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
                throw new TimeoutException($"Waited for {count} target check(s) to finish; {i} did.");
            }
        }
    }

    /// <summary>Every log line, formatted, with exceptions.</summary>
    public string LogText => string.Join("\n", Logs.Select(l => $"{l.Level} {l.Message} {l.Exception}"));

    /// <summary>Asserts no secret reached logs or any file in the data directory (database, WAL, anything).</summary>
    public static void AssertNoLeakInFiles(string dataDirectory, params string[] secrets)
    {
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            LeakAssert.NoSecret(Encoding.Latin1.GetString(bytes), secrets);
            LeakAssert.NoSecret(Encoding.UTF8.GetString(bytes), secrets);
        }
    }

    /// <summary>The alert as a person reads it (text and every card), for assertions and leak checks.</summary>
    public static string Render(Reply alert) => PlainTextRenderer.Render(alert);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _scheduled.Dispose();
    }
}
