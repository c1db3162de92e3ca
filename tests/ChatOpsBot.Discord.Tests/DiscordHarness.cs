using System.Threading.Channels;
using ChatOpsBot.Discord.Gateway;
using ChatOpsBot.Discord.Rest;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Discord.Tests;

/// <summary>
/// The real client wired as <see cref="DiscordServiceCollectionExtensions.AddDiscordClient"/> does, pointed at a
/// <see cref="FakeDiscordServer"/>. The client's clock is a <see cref="FakeTimeProvider"/>; the fake has its own unless shared.
/// Every wait the client starts is reported (<see cref="NextWaitAsync"/>), so a test advances time exactly when the client waits.
/// </summary>
internal sealed class DiscordHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Reason, TimeSpan Wait)> _waits = Channel.CreateUnbounded<(string, TimeSpan)>();

    private readonly bool _ownsFake;

    private DiscordHarness(FakeDiscordServer fake, FakeTimeProvider clientTime, FakeTimeProvider fakeTime, ServiceProvider services, FakeLoggerProvider logs, bool ownsFake = true)
    {
        _ownsFake = ownsFake;
        Fake = fake;
        ClientTime = clientTime;
        FakeTime = fakeTime;
        _services = services;
        Logs = logs;
        Gateway = services.GetRequiredService<DiscordGatewayClient>();
        Rest = services.GetRequiredService<DiscordRestClient>();
        Gateway.Jitter = () => 0.5;
        Gateway.Waiting = (reason, wait) => _waits.Writer.TryWrite((reason, wait));
        Rest.RateLimiter.Waiting = (reason, wait) => _waits.Writer.TryWrite((reason, wait));
    }

    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public FakeDiscordServer Fake { get; }

    public FakeTimeProvider ClientTime { get; }

    public FakeTimeProvider FakeTime { get; }

    public DiscordGatewayClient Gateway { get; }

    public DiscordRestClient Rest { get; }

    public FakeLoggerProvider Logs { get; }

    public Task? Running { get; private set; }

    public string Token => Fake.Options.Token;

    public IServiceProvider Services => _services;

    public static async Task<DiscordHarness> StartAsync(
        Action<FakeDiscordOptions>? fake = null,
        Action<Dictionary<string, string?>, FakeDiscordServer>? client = null,
        bool shareClock = false,
        Action<IServiceCollection>? services = null)
    {
        var clientTime = new FakeTimeProvider(Start);
        var fakeTime = shareClock ? clientTime : new FakeTimeProvider(Start);
        var fakeOptions = new FakeDiscordOptions { Time = fakeTime };
        fake?.Invoke(fakeOptions);
        var server = await FakeDiscordServer.StartAsync(fakeOptions, TestContext.Current.CancellationToken);

        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.ToString(),
        };
        client?.Invoke(settings, server);
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new FakeLoggerProvider();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddSingleton<TimeProvider>(clientTime)
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddDiscordClient();
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(); // no host here: the hosted service is not resolved
        return new DiscordHarness(server, clientTime, fakeTime, provider, logs);
    }

    /// <summary>
    /// Another bot process on this harness's fake and clock (a second replica with its own shards): its own services,
    /// gateway, logs and waits. Disposing it leaves the fake running.
    /// </summary>
    public DiscordHarness AddProcess(Action<Dictionary<string, string?>> client)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordOptions.DefaultToken,
            ["Discord:ApiBaseUrl"] = Fake.ApiBaseUrl.ToString(),
        };
        client(settings);
        var logs = new FakeLoggerProvider();
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<TimeProvider>(ClientTime)
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddDiscordClient()
            .BuildServiceProvider();
        return new DiscordHarness(Fake, ClientTime, FakeTime, provider, logs, ownsFake: false);
    }

    /// <summary>Starts the gateway loop and waits for READY.</summary>
    public async Task<GatewayDispatch> RunUntilReadyAsync()
    {
        Run();
        return await NextDispatchAsync(GatewayDispatch.Ready);
    }

    public void Run() => Running = Task.Run(() => Gateway.RunAsync(_stop.Token));

    /// <summary>The next dispatch (of <paramref name="name"/>, skipping others when given).</summary>
    public async Task<GatewayDispatch> NextDispatchAsync(string? name = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var d = await ReadOrFailAsync(Gateway.Dispatches, timeout, $"the dispatch {name ?? "(any)"}");
            if (name is null || d.Name == name)
            {
                return d;
            }
        }
    }

    /// <summary>Waits until the client starts a wait for <paramref name="reason"/>; returns its length.</summary>
    public async Task<TimeSpan> NextWaitAsync(string reason)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var (r, wait) = await ReadOrFailAsync(_waits.Reader, timeout, $"the client's wait for {reason}");
            if (r == reason)
            {
                return wait;
            }
        }
    }

    /// <summary>The next item; when the 10 s safety net passes, fails with what it waited for (not a bare cancellation).</summary>
    private static async Task<T> ReadOrFailAsync<T>(ChannelReader<T> reader, CancellationTokenSource timeout, string what)
    {
        try
        {
            return await reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited 10 s in vain for {what}.", ex);
        }
    }

    /// <summary>Every log line, for leak checks.</summary>
    public string AllLogs() => string.Join("\n", Logs.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception));

    public void AssertNoTokenLeaked(params string?[] more)
    {
        LeakAssert.NoSecret(AllLogs(), Token, FakeDiscordOptions.DefaultToken);
        foreach (var text in more)
        {
            LeakAssert.NoSecret(text, Token, FakeDiscordOptions.DefaultToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Running is not null)
        {
            try
            {
                await Running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or DiscordGatewayFatalException)
            {
                // expected
            }
        }

        await _services.DisposeAsync();
        if (_ownsFake)
        {
            await Fake.DisposeAsync();
        }

        _stop.Dispose();
        Logs.Dispose();
    }
}
