using ChatOpsBot.Telegram.Tests.Fakes;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Testing.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Polling;
using ChatOpsBot.Telegram.Updates;

namespace ChatOpsBot.Telegram.Tests;

/// <summary>The Telegram services wired as a host would wire them, pointed at a <see cref="FakeTelegramServer"/>, on a fake clock.</summary>
internal sealed class TelegramHarness : IAsyncDisposable
{
    private readonly bool _ownsServer;

    private TelegramHarness(FakeTelegramServer server, FakeTimeProvider time, ServiceProvider services, bool ownsServer)
    {
        _ownsServer = ownsServer;
        Server = server;
        Time = time;
        Services = services;
    }

    public FakeTelegramServer Server { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public RecordingUpdateHandler Handler => Services.GetRequiredService<RecordingUpdateHandler>();

    public RecordingMigrationListener Migrations => Services.GetRequiredService<RecordingMigrationListener>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public TelegramBot Bot => Services.GetRequiredService<TelegramBot>();

    public TelegramPoller Poller => Services.GetRequiredService<TelegramPoller>();

    public static async Task<TelegramHarness> StartAsync(
        Action<IDictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        FakeTelegramServer? server = null,
        FakeTimeProvider? time = null)
    {
        var ownsServer = server is null;
        time ??= new ParkingTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        server ??= await FakeTelegramServer.StartAsync(timeProvider: time, cancellationToken: TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = server.Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram:PollTimeout"] = "00:00:05",
        };
        configure?.Invoke(settings);
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        collection.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        collection.AddSingleton<TimeProvider>(time);
        if (!settings.ContainsKey("Storage:DataDirectory"))
        {
            collection.AddSingleton<IUpdateOffsetStore, InMemoryUpdateOffsetStore>(); // not ./data: tests run side by side
        }

        collection.AddTelegram();
        collection.AddSingleton<RecordingUpdateHandler>();
        collection.AddSingleton<ITelegramUpdateHandler>(sp => sp.GetRequiredService<RecordingUpdateHandler>());
        collection.AddSingleton<RecordingMigrationListener>();
        collection.AddSingleton<ITelegramChatMigrationListener>(sp => sp.GetRequiredService<RecordingMigrationListener>());
        services?.Invoke(collection);
        return new TelegramHarness(server, time, collection.BuildServiceProvider(validateScopes: true), ownsServer);
    }

    /// <summary>
    /// Advances the fake clock until <paramref name="task"/> completes, on signals only. Each round waits until some
    /// code is parked on the clock (a timer set and pending: a flood wait, a back-off, a long poll), then moves the
    /// clock in whole <paramref name="step"/>s to the earliest pending timer, so every advance wakes some code and none
    /// races past code still busy on real I/O. After a wake it waits until something parks again or the task completes.
    /// A loaded machine takes the same steps as an idle one. At most <paramref name="maxSteps"/> advances; real time
    /// appears only as safety nets, which fail with what they waited for.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 200)
    {
        var time = Time as ParkingTimeProvider ?? throw new InvalidOperationException("AdvanceUntilAsync needs the harness's ParkingTimeProvider.");
        var safety = TimeSpan.FromSeconds(30);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await time.WaitForArmedAsync(task, safety, $"the awaited task (before advance {i + 1})");
            if (task.IsCompleted || time.NextDue is not { } due)
            {
                continue;
            }

            var steps = Math.Max(1, (long)Math.Ceiling((due - time.GetUtcNow()) / step));
            var parks = time.Parks;
            var fires = time.Fires;
            time.Advance(step * steps);
            if (time.Fires != fires)
            {
                await time.WaitForParkAsync(parks, task, safety, $"the awaited task (after advance {i + 1}, to {time.GetUtcNow():HH:mm:ss.fff})");
            }
        }

        try
        {
            return await task.WaitAsync(safety, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The task did not complete after {maxSteps} advances in steps of {step} (clock at {time.GetUtcNow():HH:mm:ss.fff}, {time.Armed} timer(s) pending, next due {time.NextDue:HH:mm:ss.fff}).", ex);
        }
    }

    /// <summary>Every log line, exception text and recorded request body: none may hold the token.</summary>
    public void AssertNoTokenLeaked()
    {
        foreach (var record in Logs.GetSnapshot())
        {
            try
            {
                ChatOpsBot.Testing.LeakAssert.NoSecret(record.Message + record.Exception + string.Join(",", record.StructuredState ?? []), Server.Token);
            }
            catch (ChatOpsBot.Testing.LeakException ex)
            {
                throw new ChatOpsBot.Testing.LeakException($"{ex.Message} Log record from {record.Category}: {record.Message}", ex);
            }

            ChatOpsBot.Testing.LeakAssert.NoSecret(record.Message, Server.Token);
            ChatOpsBot.Testing.LeakAssert.NoSecret(record.Exception?.ToString(), Server.Token);
            foreach (var (_, value) in record.StructuredState ?? [])
            {
                ChatOpsBot.Testing.LeakAssert.NoSecret(value, Server.Token);
            }
        }

        foreach (var call in Server.Calls)
        {
            ChatOpsBot.Testing.LeakAssert.NoSecret(call.Body, Server.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
