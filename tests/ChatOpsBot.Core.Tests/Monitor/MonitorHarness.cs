using System.Text;
using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Monitor;
using ChatOpsBot.Testing.StatusPages;
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
/// Time moves only when the test says so, and only while every loop is parked on the clock (<see cref="MonitorClock"/>):
/// <see cref="StepAsync"/> advances the clock and waits until every check and delivery that came due has finished.
/// </summary>
internal sealed class MonitorHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private MonitorHarness(IHost host, FakeTimeProvider time, int targets)
    {
        _host = host;
        Time = time;
        Targets = targets;
        Clock = new MonitorClock(time, Scheduler, host.Services.GetRequiredService<OutboxSignal>(), targets, () => LogText);
    }

    /// <summary>The only way the test moves <see cref="Time"/> while the monitor runs.</summary>
    public MonitorClock Clock { get; }

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
        builder.Services.AddStatusPagesGuard();
        builder.Services.AddConversation();
        builder.Services.AddMonitor();
        return builder.Build();
    }

    public static async Task<MonitorHarness> StartAsync(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> environment, FakeTimeProvider time, params IAlertDestination[] destinations)
    {
        var host = Build(settings, environment, time, destinations);
        var targets = settings.Keys.Count(k => k.StartsWith("Monitor:Targets:", StringComparison.Ordinal) && k.EndsWith(":Name", StringComparison.Ordinal));
        var harness = new MonitorHarness(host, time, targets);
        await host.StartAsync(TestContext.Current.CancellationToken);
        await harness.Clock.IdleAsync(); // every target's first (jittered) timer is set; the dispatcher is parked
        return harness;
    }

    /// <summary>Moves the clock by 66 s: past every target's next check (±10 % of a minute), each checked once.</summary>
    public Task StepAsync() => Clock.AdvanceAsync(TimeSpan.FromSeconds(66));

    /// <summary>Moves the clock once everything is parked; waits until what came due has run and parked again.</summary>
    public Task AdvanceAsync(TimeSpan by) => Clock.AdvanceAsync(by);

    /// <summary>Once everything is parked: the dispatcher's timer (a retry), which must be set.</summary>
    public async Task<TimeSpan> DispatcherTimerAsync() =>
        await Clock.DispatcherWaitAsync() ?? throw new InvalidOperationException("The outbox dispatcher has no retry timer set: nothing waits to be retried.\n" + LogText);

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
        Clock.Dispose();
    }
}
