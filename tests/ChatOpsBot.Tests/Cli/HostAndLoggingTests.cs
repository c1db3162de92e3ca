using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Logging;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatOpsBot.Tests.Cli;

public sealed class HostAndLoggingTests
{
    [Fact]
    public async Task NoVerb_StartsTheWorkerWithAdaptersOffWithoutTokensAndStopsOnCtrlC()
    {
        var collector = new FakeLogCollector();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string>();

        var adapterRegistered = false;
        var running = CliHarness.RunAsync([], env, configure: s =>
        {
            adapterRegistered = s.Any(d => d.ImplementationType == typeof(ChatOpsBot.Discord.Adapter.DiscordAdapterService));
            s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(collector));
        }, cancellationToken: stop.Token);
        await collector.WaitForAsync(r => r.Id.Id == 6 && r.Category == ChatOpsBot.Hosting.LifecycleLogger.LogCategory, "the worker's Running (waiting for Ctrl-C)", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // a safety net, not a sleep
        await stop.CancelAsync();
        var result = await running;

        Assert.Equal(0, result.ExitCode);
        var records = collector.GetSnapshot();
        Assert.True(adapterRegistered);
        Assert.Single(records, r => r.Is<ChatOpsBot.Discord.Gateway.DiscordGatewayService>(1) || r.Is<ChatOpsBot.Discord.Adapter.DiscordAdapterService>(1)); // Discord is off: said once
        Assert.Contains(records, r => r.Is<ChatOpsBot.Telegram.Hosting.TelegramHostedService>(1)); // Telegram adapter: off
    }

    [Fact]
    public async Task NoVerb_WithATelegramToken_TheWorkerAnswersTelegramThroughTheAdapter()
    {
        await using var telegram = await ChatOpsBot.Testing.Telegram.FakeTelegramServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var data = Path.Combine(Path.GetTempPath(), "chatopsbot-host-" + Guid.NewGuid().ToString("N")); // the offset file goes here, not ./data
        var running = CliHarness.RunAsync([], new Dictionary<string, string>(), configure: s =>
        {
            s.Configure<ChatOpsBot.Telegram.TelegramOptions>(o =>
            {
                o.Token = telegram.Token; // as Telegram__Token would
                o.ApiBaseUrl = telegram.BaseUrl;
            });
            s.Configure<ChatOpsBot.Core.Store.StorageOptions>(o => o.DataDirectory = data);
        }, cancellationToken: stop.Token);

        telegram.EnqueuePrivateMessage(42, "/start");
        var help = await telegram.WaitForCallAsync("sendMessage", c => c.Status == 200, TimeSpan.FromSeconds(30)); // a safety net, not a sleep
        await stop.CancelAsync();
        var result = await running;

        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/diagnose", help.Text("text"), StringComparison.Ordinal);
        Assert.NotNull(telegram.CommandsFor("all_private_chats"));
        LeakAssert.NoSecret(result.All, telegram.Token[(telegram.Token.IndexOf(':', StringComparison.Ordinal) + 1)..]);
    }

    [Fact]
    public async Task Diagnose_EveryLogRecord_HoldsNoKey()
    {
        var key = TestKeys.OpenAIProject();
        await using var server = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI();
        server.Enqueue("GET", "/v1/models", FakeResponse.Json(500, $$$"""{"error":{"message":"upstream rejected {{{key}}}"}}"""));
        var collector = new FakeLogCollector();
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = key, ["OPENAI_BASE_URL"] = server.BaseUrl.ToString(), ["Logging__LogLevel__Default"] = "Trace" };

        var result = await CliHarness.RunAsync(["diagnose", "openai"], env,
            configure: s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(collector)));

        Assert.Equal(1, result.ExitCode);
        var records = collector.GetSnapshot();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            LeakAssert.NoSecret(record.Message + record.Exception, key);
        }

        LeakAssert.NoSecret(result.All, key);
    }
}
