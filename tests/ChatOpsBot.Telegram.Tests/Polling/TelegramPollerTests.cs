using ChatOpsBot.Telegram.Polling;
using ChatOpsBot.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Telegram.Tests.Polling;

public sealed class TelegramPollerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatopsbot-telegram-" + Guid.NewGuid().ToString("N"));

    private const long BotA = 111_111_111;
    private const long BotB = 222_222_222;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Updates_HandledInOrderThenConfirmed()
    {
        await using var h = await TelegramHarness.StartAsync();
        var first = h.Server.EnqueuePrivateMessage(42, "/start");
        h.Server.EnqueuePrivateMessage(42, "/help");
        var last = h.Server.EnqueueGroupMessage(-5, 42, "/diagnose@chatops_test_bot openai");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(last + 1);
        await stop.CancelAsync();

        Assert.Equal(PollerStopReason.Stopped, await run);
        Assert.Equal([first, first + 1], h.Handler.HandledIds.Where(id => id != last)); // in order within a chat
        Assert.Contains(last, h.Handler.HandledIds);
        Assert.DoesNotContain(h.Server.PendingUpdateIds, id => id <= last);
        var poll = h.Server.CallsOf("getUpdates")[0];
        Assert.Equal(5, poll.Number("timeout"));
        Assert.Equal(["message", "edited_message", "callback_query", "my_chat_member"], poll.Parameters["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>()));
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task RunAsync_DroppedConnectionAnd5xx_BacksOffAndLosesOrRepeatsNothing()
    {
        await using var h = await TelegramHarness.StartAsync();
        var first = h.Server.EnqueuePrivateMessage(42, "one");
        h.Server.EnqueuePrivateMessage(42, "two");
        h.Server.FailNext("getUpdates", FakeTelegramFailure.DropConnection())
                .FailNext("getUpdates", FakeTelegramFailure.ServerError(502));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.AdvanceUntilAsync(h.Server.WaitForPollAsync(first + 2), TimeSpan.FromMilliseconds(500));
        var late = h.Server.EnqueuePrivateMessage(42, "three");
        await h.Server.WaitForPollAsync(late + 1);
        await stop.CancelAsync();
        await run;

        Assert.Equal([first, first + 1, late], h.Handler.HandledIds);
        var polls = h.Server.CallsOf("getUpdates");
        Assert.Equal(-1, polls[0].Status);
        Assert.Equal(502, polls[1].Status);
        Assert.True(polls[1].At > polls[0].At && polls[2].At > polls[1].At, "backed off between failures");
        Assert.Equal(2, h.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Is<TelegramPoller>(3))); // PollFailed
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task RunAsync_RestartWithFileStore_ResumesAtTheUpdateBeingHandled()
    {
        var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        await using var serverLifetime = server;
        var first = server.EnqueuePrivateMessage(42, "one");
        var second = server.EnqueuePrivateMessage(42, "two");
        var third = server.EnqueuePrivateMessage(42, "three");

        // First run: handles one, then is stopped while handling two.
        await using (var h1 = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = _directory, server: server))
        {
            h1.Handler.HangOn.Add(second);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var run = h1.Poller.RunAsync(stop.Token);
            await h1.Handler.WaitAsync(2);
            await stop.CancelAsync();
            await run;
            Assert.Equal([first], h1.Handler.HandledIds);
        }

        Assert.Equal($"bot {server.BotId}\n{second}", await File.ReadAllTextAsync(Path.Combine(_directory, FileUpdateOffsetStore.FileName), Ct));

        // Second run, a new process: starts at two, handles two and three once.
        await using var h2 = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = _directory, server: server);
        using var stop2 = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run2 = h2.Poller.RunAsync(stop2.Token);
        await server.WaitForPollAsync(third + 1);
        await stop2.CancelAsync();
        await run2;

        Assert.Equal([second, third], h2.Handler.HandledIds);
        var polls = server.CallsOf("getUpdates");
        Assert.Contains(polls, p => p.Number("offset") == second);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_LoggedScrubbedSkippedAndPollingGoesOn()
    {
        await using var h = await TelegramHarness.StartAsync();
        var bad = h.Server.EnqueuePrivateMessage(42, "boom");
        var good = h.Server.EnqueuePrivateMessage(42, "fine");
        h.Handler.ThrowOn.Add(bad);
        h.Handler.ThrowMessage = "request to https://api.telegram.org/bot" + h.Server.Token + "/sendMessage failed";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(good + 1);
        await stop.CancelAsync();
        await run;

        Assert.Equal([good], h.Handler.HandledIds);
        var error = Assert.Single(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.True(error.Is<ChatOpsBot.Telegram.Updates.TelegramUpdateDispatcher>(1), $"Expected HandlerFailed, got event {error.Category}[{error.Id}]."); // HandlerFailed
        Assert.Equal(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Value("UpdateId"));
        Assert.NotNull(error.Exception);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task RunAsync_TokenRefused_OneCriticalLineAndStops()
    {
        var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        await using var serverLifetime = server;
        await using var h = await TelegramHarness.StartAsync(c => c["Telegram:Token"] = "987654321:AAwrongTokenwrongTokenwrongToken12", server: server);

        var reason = await h.Poller.RunAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(PollerStopReason.Unauthorized, reason);
        Assert.Equal(401, Assert.Single(server.CallsOf("getMe")).Status); // asked first: the offset is kept per bot
        Assert.Empty(server.CallsOf("getUpdates"));
        var critical = Assert.Single(h.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Critical, critical.Level);
        Assert.True(critical.Is<TelegramPoller>(2), $"Expected Unauthorized, got event {critical.Id}."); // Unauthorized: refused the bot token
        ChatOpsBot.Testing.LeakAssert.NoSecret(critical.Message, "987654321:AAwrongTokenwrongTokenwrongToken12");
    }

    [Fact]
    public async Task RunAsync_WebhookStillSet_409LoggedAndBackedOff()
    {
        await using var h = await TelegramHarness.StartAsync();
        await h.Bot.Client.SetWebhook("https://bot.example.com/telegram", cancellationToken: Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForCallAsync("getUpdates", c => c.Status == 409);
        await h.Bot.Client.DeleteWebhook(cancellationToken: Ct);
        var update = h.Server.EnqueuePrivateMessage(42, "after");
        await h.AdvanceUntilAsync(h.Server.WaitForPollAsync(update + 1), TimeSpan.FromMilliseconds(500));
        await stop.CancelAsync();
        await run;

        Assert.Equal([update], h.Handler.HandledIds);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Is<TelegramPoller>(4)); // Conflict
    }

    [Fact]
    public async Task RunAsync_GroupMigrated_ListenerToldAndUpdateStillHandled()
    {
        await using var h = await TelegramHarness.StartAsync();
        var update = h.Server.MigrateGroup(-77, -1007700000000);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(update + 1);
        await stop.CancelAsync();
        await run;

        Assert.Equal([(-77L, -1007700000000L)], h.Migrations.Seen);
        Assert.Equal(-1007700000000L, h.Bot.ResolveChatId(-77));
        Assert.Equal([update], h.Handler.HandledIds);
    }

    [Fact]
    public async Task RunAsync_StickersPhotosEditsCallbacks_AllReachTheHandler()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Server.EnqueueSticker(42, 42);
        h.Server.EnqueuePhoto(42, 42, "my key sk-proj-abc");
        h.Server.EnqueueEditedMessage(42, 1, 42, "edited");
        h.Server.EnqueueCallbackQuery(42, 42, 1, "details:d1");
        var last = h.Server.EnqueueMyChatMember(-5, 42, "administrator");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(last + 1);
        await stop.CancelAsync();
        await run;

        var handled = h.Handler.Handled.Where(u => u.MyChatMember is null).ToList(); // chat 42 in order; chat -5 beside it
        Assert.NotNull(handled[0].Message?.Sticker);
        Assert.Equal("my key sk-proj-abc", handled[1].Message?.Caption);
        Assert.Equal("edited", handled[2].EditedMessage?.Text);
        Assert.Equal("details:d1", handled[3].CallbackQuery?.Data);
        Assert.Single(h.Handler.Handled, u => u.MyChatMember is not null);
    }

    [Fact]
    public async Task FileStore_RoundTrips()
    {
        using var store = new FileUpdateOffsetStore(_directory);

        Assert.Null(await store.LoadAsync(BotA, Ct));
        await store.SaveAsync(BotA, new UpdateCheckpoint(1234), Ct);
        await store.SaveAsync(BotA, new UpdateCheckpoint(1235, [1237, 1240]), Ct);

        using var reopened = new FileUpdateOffsetStore(_directory);
        Assert.Equal(new UpdateCheckpoint(1235, [1237, 1240]), await reopened.LoadAsync(BotA, Ct));
        await store.SaveAsync(BotA, new UpdateCheckpoint(1241), Ct);
        Assert.Equal("bot 111111111\n1241", await File.ReadAllTextAsync(store.FilePath, Ct)); // the bot's id, never its token
    }

    [Fact]
    public async Task FileStore_FileOfBotA_UsedByBotANotByBotBWhichIsWarnedOnce()
    {
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogger<FileUpdateOffsetStore>();
        using var store = new FileUpdateOffsetStore(_directory, logs);
        await store.SaveAsync(BotA, new UpdateCheckpoint(500_000, [500_002]), Ct);

        Assert.Equal(new UpdateCheckpoint(500_000, [500_002]), await store.LoadAsync(BotA, Ct));
        Assert.Null(await store.LoadAsync(BotB, Ct)); // Telegram:Token switched: bot B's update ids may all be below 500000
        Assert.Null(await store.LoadAsync(BotB, Ct));
        var warning = Assert.Single(logs.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("another bot", warning.Message, StringComparison.Ordinal); // no ids: a bot's id is the token's first part
        Assert.Equal(new UpdateCheckpoint(500_000, [500_002]), await store.LoadAsync(BotA, Ct)); // still bot A's
    }

    [Fact]
    public async Task FileStore_OldFormatWithoutBot_IgnoredWithOneWarning()
    {
        Directory.CreateDirectory(_directory);
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogger<FileUpdateOffsetStore>();
        using var store = new FileUpdateOffsetStore(_directory, logs);
        await File.WriteAllTextAsync(store.FilePath, "1235\n1237,1240", Ct); // what the previous version wrote

        Assert.Null(await store.LoadAsync(BotA, Ct));
        Assert.Equal(LogLevel.Warning, Assert.Single(logs.Collector.GetSnapshot()).Level);

        await store.SaveAsync(BotA, new UpdateCheckpoint(1236), Ct); // the first save replaces it
        Assert.Equal(new UpdateCheckpoint(1236), await store.LoadAsync(BotA, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bot \n12")]
    [InlineData("bot 111111111")]
    [InlineData("bot 111111111\nnot a number")]
    [InlineData("\u0000\u0001garbage")]
    public async Task FileStore_Garbage_NoOffsetAndNoThrow(string text)
    {
        Directory.CreateDirectory(_directory);
        using var store = new FileUpdateOffsetStore(_directory);
        await File.WriteAllTextAsync(store.FilePath, text, Ct);

        Assert.Null(await store.LoadAsync(BotA, Ct));
    }

    [Fact]
    public async Task RunAsync_TokenSwitchedToAnotherBot_TheOtherBotsOffsetIsNotUsed()
    {
        // Bot A polled with this data directory and got far (update ids count per bot).
        Directory.CreateDirectory(_directory);
        using (var botA = new FileUpdateOffsetStore(_directory))
        {
            await botA.SaveAsync(BotA, new UpdateCheckpoint(900_000_000), Ct);
        }

        // Telegram:Token now names bot B, whose updates are all below bot A's offset: none may be dropped.
        await using var h = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = _directory);
        Assert.NotEqual(BotA, h.Server.BotId);
        var first = h.Server.EnqueuePrivateMessage(42, "one");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(first + 1);
        await stop.CancelAsync();
        await run;

        Assert.Equal([first], h.Handler.HandledIds);
        Assert.DoesNotContain(h.Server.CallsOf("getUpdates"), p => p.Number("offset") == 900_000_000);
        Assert.Single(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Is<FileUpdateOffsetStore>(1));
        Assert.Equal($"bot {h.Server.BotId}\n{first + 1}", await File.ReadAllTextAsync(Path.Combine(_directory, FileUpdateOffsetStore.FileName), Ct));
        h.AssertNoTokenLeaked();
        var secretPart = h.Server.Token[(h.Server.Token.IndexOf(':', StringComparison.Ordinal) + 1)..]; // the id before the colon is public (getMe)
        ChatOpsBot.Testing.LeakAssert.NoSecret(await File.ReadAllTextAsync(Path.Combine(_directory, FileUpdateOffsetStore.FileName), Ct), secretPart);
    }

    [Fact]
    public async Task RunAsync_OneChatsUpdateInProgress_OtherChatsAreHandledAndTheOffsetWaitsForIt()
    {
        var server = await FakeTelegramServer.StartAsync(cancellationToken: Ct);
        await using var serverLifetime = server;
        var slow = server.EnqueuePrivateMessage(1, "slow");
        var queued = server.EnqueuePrivateMessage(1, "behind it, same chat");
        var other = server.EnqueuePrivateMessage(2, "/help");

        // First run: chat 1's update hangs; chat 2's is handled meanwhile. Then the process stops.
        await using (var h1 = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = _directory, server: server))
        {
            h1.Handler.HangOn.Add(slow);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var run = h1.Poller.RunAsync(stop.Token);
            await h1.Handler.WaitAsync(2); // the hanging one arrived, and chat 2's was handled
            Assert.Equal([other], h1.Handler.HandledIds);
            await stop.CancelAsync();
            await run;
        }

        // Saved: nothing below the slow update was lost, and chat 2's update is remembered as taken.
        Assert.Equal($"bot {server.BotId}\n{slow}\n{other}", await File.ReadAllTextAsync(Path.Combine(_directory, FileUpdateOffsetStore.FileName), Ct));
        Assert.DoesNotContain(server.CallsOf("getUpdates"), p => p.Number("offset") > slow); // Telegram still holds them all

        // Second run: chat 1's two updates come again and are handled in order; chat 2's is not handled twice.
        await using var h2 = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = _directory, server: server);
        using var stop2 = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run2 = h2.Poller.RunAsync(stop2.Token);
        await server.WaitForPollAsync(other + 1);
        await stop2.CancelAsync();
        await run2;

        Assert.Equal([slow, queued], h2.Handler.HandledIds);
        Assert.Equal($"bot {server.BotId}\n{other + 1}", await File.ReadAllTextAsync(Path.Combine(_directory, FileUpdateOffsetStore.FileName), Ct));
    }

    [Fact]
    public async Task RunAsync_OffsetCannotBeSaved_OneErrorLineAndPollingGoesOnWithTheOffsetInMemory()
    {
        Directory.CreateDirectory(_directory);
        var notADirectory = Path.Combine(_directory, "data-is-a-file");
        await File.WriteAllTextAsync(notADirectory, "x", Ct);
        await using var h = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = notADirectory);
        var first = h.Server.EnqueuePrivateMessage(42, "one");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = h.Poller.RunAsync(stop.Token);
        await h.Server.WaitForPollAsync(first + 1);
        var second = h.Server.EnqueuePrivateMessage(43, "two");
        await h.Server.WaitForPollAsync(second + 1);
        var third = h.Server.EnqueuePrivateMessage(44, "three");
        await h.Server.WaitForPollAsync(third + 1);
        await stop.CancelAsync();

        Assert.Equal(PollerStopReason.Stopped, await run); // did not throw
        Assert.Equal([first, second, third], h.Handler.HandledIds); // none twice: the offset moved on in memory
        var error = Assert.Single(h.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
        Assert.True(error.Is<TelegramPoller>(8), $"Expected SaveFailed, got event {error.Id}."); // the offset could not be saved
        Assert.IsAssignableFrom<IOException>(error.Exception);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public void AddTelegram_NoDataDirectory_TheOffsetIsKeptInTheMonitorsDefaultDataDirectory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddTelegram();
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<FileUpdateOffsetStore>(provider.GetRequiredService<IUpdateOffsetStore>());

        Assert.Equal(Path.Combine(new ChatOpsBot.Core.Store.StorageOptions().ResolvedDirectory, FileUpdateOffsetStore.FileName), store.FilePath);
    }

    [Fact]
    public async Task AddTelegram_DataDirectorySet_FileStoreChosen()
    {
        await using var h = await TelegramHarness.StartAsync(c => c["Storage:DataDirectory"] = _directory);

        Assert.IsType<FileUpdateOffsetStore>(h.Services.GetRequiredService<IUpdateOffsetStore>());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
