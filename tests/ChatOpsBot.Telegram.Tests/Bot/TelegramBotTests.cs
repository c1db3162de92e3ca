using ChatOpsBot.Telegram.Bot;
using ChatOpsBot.Telegram.Rendering;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Testing.Time;

namespace ChatOpsBot.Telegram.Tests.Bot;

public sealed class TelegramBotTests
{
    private const long PrivateChat = 42;
    private const long Group = -4242;
    private const long Supergroup = -1001234567890;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendMessage_Html_SentAsHtmlWithoutPreviewAndWithKeyboard()
    {
        await using var h = await TelegramHarness.StartAsync();

        var result = await h.Bot.SendMessageAsync(PrivateChat, TelegramHtml.Bold("Key works") + " " + TelegramHtml.Code("<gpt-4o>"),
            TelegramKeyboards.RerunAndDetails("d1"), cancellationToken: Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("Key works <gpt-4o>", result.Value.Text);
        var call = Assert.Single(h.Server.CallsOf("sendMessage"));
        Assert.Equal("html", call.Text("parse_mode"), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("true", call.Parameters["link_preview_options"]?["is_disabled"]?.ToJsonString());
        Assert.Equal("rerun:d1", call.Parameters["reply_markup"]?["inline_keyboard"]?[0]?[0]?["callback_data"]?.GetValue<string>());
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task SendMessage_MalformedHtml_TypedErrorWithTelegramsDescription()
    {
        await using var h = await TelegramHarness.StartAsync();

        var result = await h.Bot.SendMessageAsync(PrivateChat, "<b>unclosed", cancellationToken: Ct);

        Assert.False(result.IsSuccess);
        Assert.Equal(400, result.Error.ErrorCode);
        Assert.StartsWith("Bad Request: can't parse entities: ", result.Error.Description, StringComparison.Ordinal);
        h.AssertNoTokenLeaked();
    }

    [Fact]
    public async Task SendMessage_TooLong_TypedError()
    {
        await using var h = await TelegramHarness.StartAsync();

        var result = await h.Bot.SendMessageAsync(PrivateChat, new string('a', 4097), cancellationToken: Ct);

        Assert.True(result.Error?.IsBadRequest("message is too long"));
    }

    [Fact]
    public async Task SendMessage_429_RetriedOnceAfterRetryAfterOnOurClockOnly()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(3));

        var result = await h.AdvanceUntilAsync(h.Bot.SendMessageAsync(PrivateChat, "hi", cancellationToken: Ct), TimeSpan.FromMilliseconds(500));

        Assert.True(result.IsSuccess, result.ToString());
        var calls = h.Server.CallsOf("sendMessage");
        Assert.Equal(2, calls.Count); // Telegram.Bot did not retry on its own: one layer retries
        Assert.Equal(429, calls[0].Status);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(3), $"retried after {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task CallsInFlight_CountsEachRequestOut_NotTheRetryAfterWaitBetween()
    {
        await using var h = await TelegramHarness.StartAsync();
        var time = (ParkingTimeProvider)h.Time;
        h.Server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(3));
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();
        h.Bot.CallsInFlightChanged += () => seen.Enqueue(h.Bot.CallsInFlight);

        var sending = h.Bot.SendMessageAsync(PrivateChat, "hi", cancellationToken: Ct);
        await time.WaitForArmedAsync(sending, TimeSpan.FromSeconds(30), "the 429's 3 s wait");

        // Parked on the clock for retry_after: nothing is out, so a test may move the clock.
        Assert.False(sending.IsCompleted);
        Assert.Equal(0, h.Bot.CallsInFlight);
        Assert.Equal([1, 0], seen);
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(0, h.Bot.CallsInFlight);
        Assert.Equal([1, 0, 1, 0], seen); // out, back with the 429; out again, back with the message recorded
        Assert.Equal([429, 200], h.Server.CallsOf("sendMessage").Select(c => c.Status));
    }

    [Fact]
    public async Task SendMessage_429EveryTime_RetriedMaxRetriesTimesThenReturned()
    {
        await using var h = await TelegramHarness.StartAsync(c => c["Telegram:MaxRetries"] = "2");
        h.Server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(1))
            .FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(1))
            .FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(1));

        var result = await h.AdvanceUntilAsync(h.Bot.SendMessageAsync(PrivateChat, "hi", cancellationToken: Ct), TimeSpan.FromMilliseconds(500));

        Assert.Equal(429, result.Error?.ErrorCode);
        Assert.Equal([429, 429, 429], h.Server.CallsOf("sendMessage").Select(c => c.Status));
    }

    [Fact]
    public async Task SendMessage_RetryAfterAboveLimit_ReturnedAsError()
    {
        await using var h = await TelegramHarness.StartAsync(c => c["Telegram:MaxRetryAfter"] = "00:00:10");
        h.Server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(35));

        var result = await h.Bot.SendMessageAsync(PrivateChat, "hi", cancellationToken: Ct);

        Assert.Equal(429, result.Error?.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(35), result.Error?.RetryAfter);
        Assert.Single(h.Server.CallsOf("sendMessage"));
    }

    [Fact]
    public async Task SendMessage_GroupBecameSupergroup_FollowedAndListenerTold()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Server.MigrateGroup(Group, Supergroup);

        var first = await h.Bot.SendMessageAsync(Group, "one", cancellationToken: Ct);
        var second = await h.AdvanceUntilAsync(h.Bot.SendMessageAsync(Group, "two", cancellationToken: Ct), TimeSpan.FromMilliseconds(500));

        Assert.Equal(Supergroup, first.Value?.Chat.Id);
        Assert.Equal(Supergroup, second.Value?.Chat.Id);
        Assert.Equal([(Group, Supergroup)], h.Migrations.Seen);
        Assert.Equal([Group, Supergroup, Supergroup], h.Server.CallsOf("sendMessage").Select(c => c.Number("chat_id")!.Value));
        Assert.Equal(Supergroup, h.Bot.ResolveChatId(Group));
    }

    [Fact]
    public async Task EditMessageText_Bursts_ThrottledToOnePerSecondNewestWinsIdenticalSkipped()
    {
        await using var h = await TelegramHarness.StartAsync();
        var sent = await h.Bot.SendMessageAsync(PrivateChat, "⏳ checking", cancellationToken: Ct);
        var id = sent.Value!.MessageId;

        var a = h.Bot.EditMessageTextAsync(PrivateChat, id, "✅ network", cancellationToken: Ct);
        var b = h.Bot.EditMessageTextAsync(PrivateChat, id, "✅ network ✅ key", cancellationToken: Ct);
        var c = h.Bot.EditMessageTextAsync(PrivateChat, id, "✅ network ✅ key ✅ model", cancellationToken: Ct);
        Assert.Empty(h.Server.CallsOf("editMessageText")); // within a second of the send: waiting
        await h.AdvanceUntilAsync(Task.WhenAll(a, b, c), TimeSpan.FromMilliseconds(250));

        Assert.Equal([EditOutcome.Superseded, EditOutcome.Superseded, EditOutcome.Edited], new[] { a.Result.Value, b.Result.Value, c.Result.Value });
        var edit = Assert.Single(h.Server.CallsOf("editMessageText"));
        Assert.Equal("✅ network ✅ key ✅ model", edit.Text("text"));
        Assert.True(edit.At - h.Server.CallsOf("sendMessage")[0].At >= TimeSpan.FromSeconds(1));

        var same = await h.Bot.EditMessageTextAsync(PrivateChat, id, "✅ network ✅ key ✅ model", cancellationToken: Ct);
        Assert.Equal(EditOutcome.Unchanged, same.Value);
        Assert.Single(h.Server.CallsOf("editMessageText"));

        var next = await h.AdvanceUntilAsync(h.Bot.EditMessageTextAsync(PrivateChat, id, "done", cancellationToken: Ct), TimeSpan.FromMilliseconds(250));
        Assert.Equal(EditOutcome.Edited, next.Value);
        var edits = h.Server.CallsOf("editMessageText");
        Assert.True(edits[1].At - edits[0].At >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SendMessage_Group_AtMostTwentyPerMinute()
    {
        await using var h = await TelegramHarness.StartAsync();

        for (var i = 0; i < 21; i++)
        {
            var result = await h.AdvanceUntilAsync(h.Bot.SendMessageAsync(Group, $"line {i}", cancellationToken: Ct), TimeSpan.FromSeconds(5), maxSteps: 100);
            Assert.True(result.IsSuccess, result.ToString());
        }

        var calls = h.Server.CallsOf("sendMessage");
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(1)));
        Assert.True(calls[20].At - calls[0].At >= TimeSpan.FromMinutes(1), $"21st after {calls[20].At - calls[0].At}");
    }

    [Fact]
    public async Task EditMessageText_TelegramSaysNotModified_Unchanged()
    {
        await using var h = await TelegramHarness.StartAsync();
        var sent = await h.Bot.SendMessageAsync(PrivateChat, "same", cancellationToken: Ct);
        await using var restarted = await TelegramHarness.StartAsync(server: h.Server, time: h.Time); // a fresh bot knows nothing of its edits

        var result = await restarted.Bot.EditMessageTextAsync(PrivateChat, sent.Value!.MessageId, "same", cancellationToken: Ct);

        Assert.Equal(EditOutcome.Unchanged, result.Value);
        Assert.Equal(400, Assert.Single(h.Server.CallsOf("editMessageText")).Status);
    }

    [Fact]
    public async Task GroupMessage_DeletedOnlyWhenTheBotMayDelete()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Server.EnqueueGroupMessage(Supergroup, 7, "sk-proj-leaked", "supergroup");
        const int messageId = 1;

        var rightsBefore = await h.Bot.GetBotRightsAsync(Supergroup, Ct);
        var refused = await h.Bot.DeleteMessageAsync(Supergroup, messageId, Ct);
        h.Server.SetBotRights(Supergroup, admin: true, canDeleteMessages: true);
        var rightsAfter = await h.Bot.GetBotRightsAsync(Supergroup, Ct);
        var deleted = await h.Bot.DeleteMessageAsync(Supergroup, messageId, Ct);
        var again = await h.Bot.DeleteMessageAsync(Supergroup, messageId, Ct);

        Assert.Equal(new BotChatRights("member", false, false), rightsBefore.Value);
        Assert.Equal(DeleteOutcome.NotAllowed, refused.Value);
        Assert.Equal(new BotChatRights("administrator", true, true), rightsAfter.Value);
        Assert.Equal(DeleteOutcome.Deleted, deleted.Value);
        Assert.Equal(DeleteOutcome.NotFound, again.Value);
        Assert.True(h.Server.IsDeleted(Supergroup, messageId));
    }

    [Fact]
    public async Task AnswerCallbackQuery_KnownQuery_AnsweredOnce()
    {
        await using var h = await TelegramHarness.StartAsync();
        var update = h.Server.EnqueueCallbackQuery(PrivateChat, PrivateChat, 1, "rerun:d1");

        var first = await h.Bot.AnswerCallbackQueryAsync("cq" + update, "Running again…", cancellationToken: Ct);
        var second = await h.Bot.AnswerCallbackQueryAsync("cq" + update, cancellationToken: Ct);

        Assert.True(first.IsSuccess);
        Assert.True(second.Error?.IsBadRequest("query is too old"));
    }

    [Fact]
    public async Task SetCommands_PrivateAndGroupScopes_EveryLanguage()
    {
        await using var h = await TelegramHarness.StartAsync();

        var result = await h.Bot.SetCommandsAsync(Ct);

        Assert.True(result.IsSuccess, result.ToString());
        foreach (var scope in new[] { "all_private_chats", "all_group_chats" })
        {
            foreach (var language in new[] { "", "de", "ru" })
            {
                var commands = h.Server.CommandsFor(scope, language);
                Assert.NotNull(commands);
                Assert.Equal(["start", "help", "diagnose", "status", "keys", "alerts"], commands.Select(c => c!["command"]!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public async Task GetMeAndChatAction_Work()
    {
        await using var h = await TelegramHarness.StartAsync();

        var me = await h.Bot.GetMeAsync(Ct);
        var typing = await h.Bot.SendChatActionAsync(PrivateChat, cancellationToken: Ct);
        await h.Bot.GetMeAsync(Ct);

        Assert.Equal(new BotIdentity(h.Server.BotId, FakeTelegramServer.BotUsername, false), me.Value);
        Assert.True(typing.IsSuccess);
        Assert.Single(h.Server.CallsOf("getMe")); // cached
    }

    [Fact]
    public async Task NetworkFailure_TypedErrorWithoutToken()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Server.FailNext("sendMessage", FakeTelegramFailure.DropConnection());

        var result = await h.Bot.SendMessageAsync(PrivateChat, "hi", cancellationToken: Ct);

        Assert.Equal(0, result.Error?.ErrorCode);
        Assert.True(result.Error?.IsTransient);
        ChatOpsBot.Testing.LeakAssert.NoSecret(result.Error?.Description, h.Server.Token);
        h.AssertNoTokenLeaked();
    }
}
