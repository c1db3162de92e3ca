using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.Telegram;
using ChatOpsBot.Testing.Logging;

namespace ChatOpsBot.Telegram.Tests.Adapter;

/// <summary>
/// The Telegram bot end to end: updates injected into the fake Bot API, polled by the real poller, answered by the
/// real conversation layer and engine against fake providers; every request the bot makes is checked for leaks.
/// </summary>
public sealed class TelegramAdapterEndToEndTests
{
    private const long User = 7;
    private const long Group = -4001;

    [Fact]
    public async Task A_Claude_key_in_private_chat_gets_a_pending_checklist_live_edits_and_the_verdict_with_its_code()
    {
        // The auth probe is held until the checklist has been edited once, so it is seen moving before the verdict.
        var provider = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await AdapterHarness.StartAsync((_, anthropic, _) => anthropic.WithGate("GET", "/v1/models", provider.Task));

        bot.Server.EnqueuePrivateMessage(User, "claude " + bot.ValidAnthropicKey);
        try
        {
            await bot.Server.WaitForCallAsync("editMessageText", c => c.Number("chat_id") == User && c.Status == 200, TimeSpan.FromSeconds(30));
        }
        finally
        {
            provider.TrySetResult();
        }

        var final = await bot.FinalAsync(User, "code: ok");
        var sends = bot.Sent("sendMessage", User);
        var pending = Assert.Single(sends);
        Assert.Contains("⬜", pending.Text("text"), StringComparison.Ordinal);
        Assert.Equal("html", pending.Text("parse_mode"), ignoreCase: true);
        var edits = bot.Sent("editMessageText", User);
        Assert.True(edits.Count >= 2, $"expected a live edit before the verdict, saw {edits.Count} edits");
        Assert.DoesNotContain("code: ok", edits[0].Text("text"), StringComparison.Ordinal);
        Assert.All(edits, e => Assert.Equal(200, e.Status));
        Assert.Contains("details:", final.Text("reply_markup"), StringComparison.Ordinal);
        var shown = Assert.Single(bot.Server.MessagesIn(User));
        Assert.Contains("Anthropic", shown.Text, StringComparison.Ordinal);
        Assert.Contains("code: ok", shown.Text, StringComparison.Ordinal);
        Assert.Contains("sk-ant-api03-…", shown.Text, StringComparison.Ordinal); // the shown form, never the key
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_Details_button_is_answered_and_shows_the_report_and_an_unknown_button_is_still_answered()
    {
        await using var bot = await AdapterHarness.StartAsync();
        bot.Server.EnqueuePrivateMessage(User, bot.ValidAnthropicKey);
        var final = await bot.FinalAsync(User, "code: ok");
        var details = System.Text.Json.Nodes.JsonNode.Parse(final.Text("reply_markup")!)!["inline_keyboard"]![0]!.AsArray()
            .Select(b => (string?)b!["callback_data"]).First(d => d!.StartsWith("details:", StringComparison.Ordinal))!;

        var press = bot.Server.EnqueueCallbackQuery(User, User, (int)final.Number("message_id")!, details);
        var stale = bot.Server.EnqueueCallbackQuery(User, User, (int)final.Number("message_id")!, "bogus:1");

        await bot.AnsweredAsync("answerCallbackQuery", c => c.Text("callback_query_id") == "cq" + press);
        var answeredStale = await bot.AnsweredAsync("answerCallbackQuery", c => c.Text("callback_query_id") == "cq" + stale);
        Assert.Contains("no longer works", answeredStale.Text("text"), StringComparison.Ordinal);
        await bot.TextAsync("sendMessage", User, "Details of the diagnosis");
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task A_key_posted_in_a_group_is_deleted_and_the_sender_told_privately()
    {
        await using var bot = await AdapterHarness.StartAsync((server, _, _) => server.SetBotRights(Group, admin: true, canDeleteMessages: true));
        var key = TestKeys.OpenAIProject();
        bot.Secrets.Add(key);

        bot.Server.EnqueueGroupMessage(Group, User, "why does " + key + " not work?");

        var warning = await bot.TextAsync("sendMessage", User, "rotate it now");
        Assert.Contains("I deleted the message", warning.Text("text"), StringComparison.Ordinal);
        var delete = await bot.AnsweredAsync("deleteMessage", c => c.Number("chat_id") == Group);
        Assert.True(bot.Server.IsDeleted(Group, (int)delete.Number("message_id")!));
        Assert.Empty(bot.Server.MessagesIn(Group)); // nothing said in the group
        Assert.Empty(bot.OpenAI.Requests); // never diagnosed in public
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task When_the_sender_never_started_the_bot_the_warning_goes_to_the_group_without_the_key()
    {
        await using var bot = await AdapterHarness.StartAsync((server, _, _) => server.SetBotRights(Group, admin: false, canDeleteMessages: false));
        var key = TestKeys.Anthropic();
        bot.Secrets.Add(key);
        bot.Server.FailNext("sendMessage", FakeTelegramFailure.Error(403, "Forbidden: bot can't initiate conversation with a user"));

        bot.Server.EnqueueGroupMessage(Group, User, key);

        var warning = await bot.TextAsync("sendMessage", Group, "rotate it now");
        Assert.Contains("could not delete", warning.Text("text"), StringComparison.Ordinal);
        var refused = Assert.Single(bot.Server.CallsOf("sendMessage"), c => c.Status == 403);
        Assert.Equal(User, refused.Number("chat_id"));
        Assert.Empty(bot.Server.CallsOf("deleteMessage")); // not an admin: no attempt
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task Diagnose_in_a_group_runs_on_the_team_key_for_the_team_and_is_refused_to_others()
    {
        await using var bot = await AdapterHarness.StartAsync();

        bot.Server.EnqueueGroupMessage(Group, User, "/diagnose claude");
        var refusal = await bot.TextAsync("sendMessage", Group, "only for the team");
        Assert.Contains("Access:Telegram:UserIds", refusal.Text("text"), StringComparison.Ordinal);

        bot.Server.EnqueueGroupMessage(Group, 1234, "/diagnose@SomeOtherBot claude");
        bot.Server.EnqueueGroupMessage(Group, AdapterHarness.TeamUserId, $"/diagnose@{FakeTelegramServer.BotUsername} claude");
        var final = await bot.FinalAsync(Group, "code: ok");
        Assert.Contains("prod", final.Text("text"), StringComparison.Ordinal);
        Assert.Contains("rerun:", final.Text("reply_markup"), StringComparison.Ordinal);
        Assert.Equal(2, bot.Sent("sendMessage", Group).Count); // the refusal and the checklist: @SomeOtherBot was not for us
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task A_429_on_sendMessage_is_retried_after_retry_after()
    {
        await using var bot = await AdapterHarness.StartAsync((server, _, _) => server.FailNext("sendMessage", FakeTelegramFailure.TooManyRequests(1)));

        bot.Server.EnqueuePrivateMessage(User, "/start");

        var sent = await bot.TextAsync("sendMessage", User, "/diagnose");
        var limited = Assert.Single(bot.Server.CallsOf("sendMessage"), c => c.Status == 429);
        Assert.True(sent.At - limited.At >= TimeSpan.FromMilliseconds(950), $"retried after {(sent.At - limited.At).TotalMilliseconds} ms");
        Assert.Single(bot.Server.MessagesIn(User));
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task The_poller_survives_a_dropped_connection_with_no_update_lost_or_repeated()
    {
        await using var bot = await AdapterHarness.StartAsync();
        await bot.Server.WaitForCallAsync("getUpdates", timeout: TimeSpan.FromSeconds(30));
        bot.Server.FailNext("getUpdates", FakeTelegramFailure.DropConnection());

        var first = bot.Server.EnqueuePrivateMessage(11, "/help");
        await bot.TextAsync("sendMessage", 11, "/diagnose");
        await bot.Server.WaitForCallAsync("getUpdates", c => c.Status == -1, TimeSpan.FromSeconds(30)); // the dropped poll
        var second = bot.Server.EnqueuePrivateMessage(12, "/status");
        await bot.TextAsync("sendMessage", 12, "team key");
        await bot.Server.WaitForPollAsync(second + 1, TimeSpan.FromSeconds(30));

        Assert.Single(bot.Server.MessagesIn(11));
        Assert.Single(bot.Server.MessagesIn(12));
        var offsets = bot.Server.CallsOf("getUpdates").Select(c => c.Number("offset") ?? 0).ToList();
        Assert.Equal(offsets.Order(), offsets); // never went back, so nothing was handled twice
        Assert.Contains((long)first + 1, offsets);
        Assert.Empty(bot.Server.PendingUpdateIds);
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task HTML_in_a_gateway_error_message_is_rendered_as_text_and_accepted_by_Telegram()
    {
        const string hostile = "Invalid token <script>alert('x')</script> & <b>not bold</b> &amp; from one-api";
        await using var bot = await AdapterHarness.StartAsync((_, _, openai) => openai.On("GET", "/v1/models", FakeResponse.Json(401,
            System.Text.Json.JsonSerializer.Serialize(new { error = new { message = hostile, type = "invalid_request_error", code = "invalid_api_key" } }))));
        var key = TestKeys.OpenAIProject();
        bot.Secrets.Add(key);

        bot.Server.EnqueuePrivateMessage(User, "openai " + key);

        var final = await bot.FinalAsync(User, "code: auth.invalid_key");
        Assert.DoesNotContain("<script>", final.Text("text"), StringComparison.Ordinal);
        var shown = Assert.Single(bot.Server.MessagesIn(User)).Text; // plain text after Telegram's entity parsing
        Assert.Contains("<script>alert('x')</script>", shown, StringComparison.Ordinal);
        Assert.Contains("& <b>not bold</b> &amp;", shown, StringComparison.Ordinal);
        Assert.All(bot.Server.Calls.Where(c => c.Is("sendMessage") || c.Is("editMessageText")), c => Assert.Equal(200, c.Status));
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task Stickers_photos_blank_and_edited_messages_never_crash_and_a_key_in_a_caption_is_diagnosed()
    {
        await using var bot = await AdapterHarness.StartAsync();

        bot.Server.EnqueueSticker(21, 21);
        bot.Server.EnqueuePhoto(22, 22, caption: null);
        bot.Server.EnqueuePrivateMessage(23, "   \n\t ");
        bot.Server.EnqueueEditedMessage(24, 1, 24, "/help");
        bot.Server.EnqueueSticker(Group, 25);
        bot.Server.EnqueuePrivateMessage(26, "/frobnicate");
        var last = bot.Server.EnqueuePhoto(27, 27, "claude " + bot.ValidAnthropicKey);

        await bot.FinalAsync(27, "code: ok");
        await bot.Server.WaitForPollAsync(last + 1, TimeSpan.FromSeconds(30));
        foreach (var chat in new long[] { 21, 22, 23, 26 })
        {
            Assert.Contains("/diagnose", Assert.Single(bot.Server.MessagesIn(chat)).Text, StringComparison.Ordinal); // help
        }

        Assert.Empty(bot.Server.MessagesIn(24));
        Assert.Empty(bot.Server.MessagesIn(Group));
        Assert.DoesNotContain(bot.Logs.GetSnapshot(), r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        bot.AssertNothingLeaked();
    }
    [Fact]
    public async Task An_edit_that_puts_a_key_into_a_group_message_is_treated_as_a_leak()
    {
        await using var bot = await AdapterHarness.StartAsync((server, _, _) => server.SetBotRights(Group, admin: true, canDeleteMessages: true));
        var key = TestKeys.Gemini();
        bot.Secrets.Add(key);
        bot.Server.EnqueueGroupMessage(Group, User, "my key is");
        bot.Server.EnqueueEditedMessage(Group, 1, User, "my key is " + key);

        await bot.TextAsync("sendMessage", User, "rotate it now");

        Assert.True(bot.Server.IsDeleted(Group, 1));
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task After_a_group_becomes_a_supergroup_replies_go_to_the_new_chat_and_the_adapter_hears_of_it()
    {
        const long supergroup = -1_000_000_004_001;
        await using var bot = await AdapterHarness.StartAsync();
        var migration = bot.Server.MigrateGroup(Group, supergroup);
        await bot.Server.WaitForPollAsync(migration + 1, TimeSpan.FromSeconds(30));

        bot.Server.EnqueueGroupMessage(Group, User, "/help"); // sent before the client saw the move

        await bot.TextAsync("sendMessage", supergroup, "/diagnose");
        Assert.Contains(bot.Logs.GetSnapshot(), r => r.Is<ChatOpsBot.Telegram.Adapter.TelegramConversationAdapter>(4) // Migrated
            && r.Value("NewChatId") == supergroup.ToString(System.Globalization.CultureInfo.InvariantCulture));
        bot.AssertNothingLeaked();
    }
    [Fact]
    public async Task A_slow_diagnosis_does_not_hold_up_another_users_update()
    {
        var provider = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await AdapterHarness.StartAsync((_, anthropic, _) => anthropic.WithGate("GET", "/v1/models", provider.Task));
        try
        {
            bot.Server.EnqueuePrivateMessage(User, bot.ValidAnthropicKey);
            await bot.TextAsync("sendMessage", User, "⬜");

            bot.Server.EnqueuePrivateMessage(8, "/help");

            await bot.TextAsync("sendMessage", 8, "/diagnose");
            Assert.DoesNotContain(bot.Server.CallsOf("editMessageText"), c => c.Parameters["reply_markup"] is not null); // A still running
            provider.SetResult();
            await bot.FinalAsync(User, "code: ok");
            bot.AssertNothingLeaked();
        }
        finally
        {
            provider.TrySetResult();
        }
    }

    [Fact]
    public async Task A_chat_waiting_on_a_slow_diagnosis_holds_up_only_its_own_next_message_not_another_chats_help()
    {
        var provider = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await AdapterHarness.StartAsync((_, anthropic, _) => anthropic.WithGate("GET", "/v1/models", provider.Task));
        try
        {
            bot.Server.EnqueuePrivateMessage(User, bot.ValidAnthropicKey);
            await bot.TextAsync("sendMessage", User, "⬜"); // chat A's diagnosis runs; its provider does not answer yet
            bot.Server.EnqueuePrivateMessage(User, "/help"); // A's second message waits for A's diagnosis
            bot.Server.EnqueuePrivateMessage(8, "/help"); // chat B

            await bot.TextAsync("sendMessage", 8, "/diagnose");

            Assert.Single(bot.Sent("sendMessage", User)); // only A's checklist: A's /help keeps its place in A's order
            provider.SetResult();
            await bot.FinalAsync(User, "code: ok");
            await bot.TextAsync("sendMessage", User, "/diagnose");
            bot.AssertNothingLeaked();
        }
        finally
        {
            provider.TrySetResult();
        }
    }
}
