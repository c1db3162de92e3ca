using ChatOpsBot.Telegram.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Telegram.Tests.Hosting;

public sealed class TelegramHostedServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TelegramHostedService Service(TelegramHarness h) =>
        h.Services.GetServices<IHostedService>().OfType<TelegramHostedService>().Single();

    [Fact]
    public async Task NoToken_SaysOffOnceAndCallsNothing()
    {
        await using var h = await TelegramHarness.StartAsync(c => c["Telegram:Token"] = null);
        var service = Service(h);

        await service.StartAsync(Ct);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        await service.StopAsync(Ct);

        var record = Assert.Single(h.Logs.GetSnapshot());
        Assert.True(record.Is<TelegramHostedService>(1), $"Expected Off, got event {record.Id}."); // Off
        Assert.Empty(h.Server.Calls);
    }

    [Fact]
    public async Task Polling_ChecksTokenSetsCommandsRemovesWebhookThenPolls()
    {
        await using var h = await TelegramHarness.StartAsync();
        var update = h.Server.EnqueuePrivateMessage(42, "/start");
        var service = Service(h);

        await service.StartAsync(Ct);
        await h.Server.WaitForPollAsync(update + 1);
        await service.StopAsync(Ct);

        var methods = h.Server.Calls.Select(c => c.Method).Distinct().ToList();
        Assert.Equal(["getMe", "setMyCommands", "deleteWebhook", "getUpdates"], methods);
        Assert.Equal([update], h.Handler.HandledIds);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Is<TelegramHostedService>(4) && r.Value("Username") == "chatops_test_bot" && r.Value("Mode") == "long polling"); // Started
        Assert.DoesNotContain(h.Logs.GetSnapshot(), r => r.Category?.StartsWith("System.Net.Http", StringComparison.Ordinal) == true);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task TokenRefused_OneCriticalLineAndTheAdapterStopsWithoutStoppingTheHost()
    {
        await using var h = await TelegramHarness.StartAsync(c => c["Telegram:Token"] = "111:AArefusedrefusedrefusedrefused000");
        var service = Service(h);

        await service.StartAsync(Ct);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        await service.StopAsync(Ct);

        Assert.Equal(["getMe"], h.Server.Calls.Select(c => c.Method));
        var line = Assert.Single(h.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Critical, line.Level);
        Assert.True(line.Is<TelegramHostedService>(2), $"Expected Unauthorized, got event {line.Id}."); // Unauthorized: refused the bot token
        Assert.Equal("Unauthorized", line.Value("Description"));
        ChatOpsBot.Testing.LeakAssert.NoSecret(line.Message, "111:AArefusedrefusedrefusedrefused000");
    }

    [Fact]
    public async Task StartFails5xx_BacksOffAndStartsLater()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Server.FailNext("getMe", ChatOpsBot.Testing.Telegram.FakeTelegramFailure.ServerError(503));
        var service = Service(h);

        await service.StartAsync(Ct);
        await h.AdvanceUntilAsync(h.Server.WaitForCallAsync("getUpdates"), TimeSpan.FromMilliseconds(500));
        await service.StopAsync(Ct);

        Assert.Equal([503, 200], h.Server.CallsOf("getMe").Select(c => c.Status));
    }

    [Fact]
    public async Task PollerThrowsUnexpectedly_OneErrorLineThenPollingStartsAgainAndTheHostIsNotStopped()
    {
        var store = new ThrowingOnceStore();
        await using var h = await TelegramHarness.StartAsync(services: s => s.AddSingleton<ChatOpsBot.Telegram.Polling.IUpdateOffsetStore>(store));
        var update = h.Server.EnqueuePrivateMessage(42, "/start");
        var service = Service(h);
        service.Restarting += delay => h.Time.Advance(delay); // the loop is about to wait: move the clock past it

        await service.StartAsync(Ct);
        await h.Server.WaitForPollAsync(update + 1);
        await service.StopAsync(Ct);

        Assert.Equal([update], h.Handler.HandledIds);
        var error = Assert.Single(h.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
        Assert.True(error.Is<TelegramHostedService>(5), $"Expected PollerFailed, got event {error.Id}."); // polling failed unexpectedly
        Assert.False(service.ExecuteTask!.IsFaulted);
    }

    private sealed class ThrowingOnceStore : ChatOpsBot.Telegram.Polling.IUpdateOffsetStore
    {
        private readonly ChatOpsBot.Telegram.Polling.InMemoryUpdateOffsetStore _inner = new();
        private int _loads;

        public ValueTask<ChatOpsBot.Telegram.Polling.UpdateCheckpoint?> LoadAsync(long botId, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _loads) == 1 ? throw new InvalidOperationException("a bug in a store") : _inner.LoadAsync(botId, cancellationToken);

        public ValueTask SaveAsync(long botId, ChatOpsBot.Telegram.Polling.UpdateCheckpoint checkpoint, CancellationToken cancellationToken) => _inner.SaveAsync(botId, checkpoint, cancellationToken);
    }
}
