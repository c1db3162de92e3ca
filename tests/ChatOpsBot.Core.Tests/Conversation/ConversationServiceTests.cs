using System.Text;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>The conversation service end to end: the real engine against fake providers on loopback.</summary>
public sealed class ConversationServiceTests : IAsyncLifetime
{
    private readonly string _teamOpenAIKey = TestKeys.OpenAIProject();
    private readonly string _validGeminiKey = TestKeys.Gemini();
    private readonly string _validAnthropicKey = TestKeys.Anthropic();
    private FakeProviderServer _openai = null!;
    private FakeProviderServer _anthropic = null!;
    private FakeProviderServer _gemini = null!;
    private ConversationHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync()).AsOpenAI(_teamOpenAIKey);
        _anthropic = (await FakeProviderServer.StartAsync()).AsAnthropic(_validAnthropicKey);
        _gemini = (await FakeProviderServer.StartAsync()).AsGemini(_validGeminiKey);
        _harness = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Providers:OpenAI:BaseUrl"] = _openai.BaseUrl.ToString(),
                ["Providers:Anthropic:BaseUrl"] = _anthropic.BaseUrl.ToString(),
                ["Providers:Gemini:BaseUrl"] = _gemini.BaseUrl.ToString(),
                ["TeamKeys:0:Name"] = "prod",
                ["TeamKeys:0:Provider"] = "chatgpt",
                ["TeamKeys:0:KeyEnv"] = "PROD_OPENAI_KEY",
                ["Access:Discord:RoleIds:0"] = "111",
                ["Access:Telegram:UserIds:0"] = "42",
            },
            new Dictionary<string, string> { ["PROD_OPENAI_KEY"] = _teamOpenAIKey });
    }

    public async ValueTask DisposeAsync()
    {
        _harness.Dispose();
        Assert.Empty(_openai.Unexpected);
        Assert.Empty(_anthropic.Unexpected);
        Assert.Empty(_gemini.Unexpected);
        await _openai.DisposeAsync();
        await _anthropic.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    private string[] AllKeys => [_teamOpenAIKey, _validGeminiKey, _validAnthropicKey];

    [Fact]
    public async Task A_key_by_DM_gets_a_live_checklist_then_a_private_verdict_with_its_code()
    {
        var wrong = TestKeys.Gemini();

        var sink = await _harness.SendAsync(ConversationHarness.Dm($"gemini {wrong}"));

        var calls = sink.Calls.Select(c => c.Call).ToList();
        Assert.Equal("send", calls[0]);
        Assert.Equal("finish", calls[^1]);
        Assert.All(calls[1..^1], c => Assert.Equal("update", c));
        Assert.Contains("update", calls);
        var first = sink.Calls[0].Reply!;
        Assert.Equal(ReplyKind.Progress, first.Kind);
        Assert.All(first.Checklist!.Rows.Single().Stages, s => Assert.Equal(StageState.Pending, s.State));
        var final = sink.Last;
        Assert.Equal(ReplyKind.Diagnosis, final.Kind);
        Assert.Equal(ReplyVisibility.Private, final.Visibility);
        var card = Assert.Single(final.Cards);
        Assert.Equal(VerdictCodes.AuthInvalidKey, card.Verdict.Code);
        Assert.Contains("code: auth.invalid_key", PlainTextRenderer.Render(final), StringComparison.Ordinal);
        Assert.Contains(final.Checklist!.Rows.Single().Stages, s => s.Stage == nameof(DiagnosticStage.Auth) && s.State == StageState.Failed);
        Assert.Contains(final.Buttons, b => b.CustomId.StartsWith(CommandIds.DetailsPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(final.Buttons, b => b.Action == ReplyButtonAction.Rerun); // a user's key is never kept
        sink.AssertNoLeak([wrong, .. AllKeys]);
    }

    [Fact]
    public async Task Progress_updates_show_stages_passing_before_the_end()
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm(_validAnthropicKey));

        Assert.Equal(VerdictCodes.Ok, Assert.Single(sink.Last.Cards).Verdict.Code);
        var states = sink.Calls.Where(c => c.Call is "send" or "update").Select(c => c.Reply!.Checklist!).ToList();
        Assert.True(states.Select(s => s.Version).SequenceEqual(states.Select(s => s.Version).Order()), "versions only grow");
        Assert.Contains("code: ok", sink.AllText, StringComparison.Ordinal);
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task A_key_posted_in_a_channel_is_deleted_and_its_author_told_to_rotate_it()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel($"why does {_validGeminiKey} not work?"));

        Assert.Equal(["delete", "send"], sink.Calls.Select(c => c.Call));
        var reply = sink.Last;
        Assert.Equal(ReplyKind.Exposure, reply.Kind);
        Assert.True(reply.DeleteOriginal);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("rotate", reply.Text, StringComparison.Ordinal);
        Assert.Contains("https://aistudio.google.com/app/apikey", reply.Text, StringComparison.Ordinal);
        Assert.Contains("I deleted the message", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", reply.Text, StringComparison.Ordinal); // not even the shown form
        Assert.Empty(_gemini.Requests); // never diagnosed in public
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task Where_the_bot_may_not_delete_it_says_so()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel($"/diagnose gemini {_validGeminiKey}"), mayDelete: false);

        Assert.Contains("could not delete", sink.Last.Text, StringComparison.Ordinal);
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task A_4000_character_message_of_keys_in_public_is_handled_and_nothing_echoed()
    {
        var (text, keys) = ManyKeys();

        var sink = await _harness.SendAsync(ConversationHarness.InChannel(text));

        Assert.Equal(ReplyKind.Exposure, sink.Last.Kind);
        Assert.Contains("several keys", sink.Last.Text, StringComparison.Ordinal);
        sink.AssertNoLeak([.. keys, .. AllKeys]);
    }

    [Fact]
    public async Task A_4000_character_message_of_keys_in_private_checks_a_few_and_names_the_rest()
    {
        var (text, keys) = ManyKeys();

        var sink = await _harness.SendAsync(ConversationHarness.Dm(text));

        var final = sink.Last;
        Assert.Equal(3, final.Cards.Count);
        Assert.Contains("not checked", final.Text, StringComparison.Ordinal);
        Assert.Contains("at most 3 per message", final.Text, StringComparison.Ordinal);
        sink.AssertNoLeak([.. keys, .. AllKeys]);
    }

    [Fact]
    public async Task Team_key_by_name_for_a_permitted_role_is_diagnosed_in_public()
    {
        var message = new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Discord, "u7", ["111"]),
            IsPrivate = false,
            CommandName = "diagnose",
            Options = new Dictionary<string, string> { ["provider"] = "openai", ["key"] = "prod" },
        };

        var sink = await _harness.SendAsync(message);

        var final = sink.Last;
        Assert.Equal(ReplyVisibility.Public, final.Visibility);
        var card = Assert.Single(final.Cards);
        Assert.Equal(VerdictCodes.Ok, card.Verdict.Code);
        Assert.Equal("prod", card.KeyName);
        Assert.Contains(final.Buttons, b => b.Action == ReplyButtonAction.Rerun);
        Assert.Contains("code: ok", PlainTextRenderer.Render(final), StringComparison.Ordinal);
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task Team_key_for_someone_not_permitted_is_refused_privately()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel("/diagnose openai prod", "u8", "999"));

        var reply = sink.Last;
        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("Access:Discord:RoleIds", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Buttons, b => b.Action == ReplyButtonAction.EnterKey);
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task A_masked_key_resolves_to_the_team_key_with_that_shown_form()
    {
        var masked = _teamOpenAIKey[..8] + "..." + _teamOpenAIKey[^4..];

        var sink = await _harness.SendAsync(ConversationHarness.Dm($"can you check {masked}?", "42", ChatPlatform.Telegram));

        var card = Assert.Single(sink.Last.Cards);
        Assert.Equal("prod", card.KeyName);
        Assert.Equal(VerdictCodes.Ok, card.Verdict.Code);
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task Diagnose_all_checks_each_configured_team_key_and_names_the_providers_without_one()
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm("/diagnose all", "42", ChatPlatform.Telegram));

        var final = sink.Last;
        Assert.Equal("prod", Assert.Single(final.Cards).KeyName);
        // One line names the providers everyone expects (OpenAI, Anthropic, Gemini) that have no team key; the others
        // are checked when the team has a key for them and are not listed otherwise (a line per provider would bury the card).
        Assert.Contains("No team key is configured for Anthropic and Gemini: not checked.", final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mistral", final.Text, StringComparison.Ordinal);
        Assert.Contains("Anthropic", final.Text, StringComparison.Ordinal);
        Assert.Contains("Gemini", final.Text, StringComparison.Ordinal);
        Assert.Single(final.Text.Split('\n'), l => l.Contains("not checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_lists_names_and_shown_forms_never_values()
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm("/keys", "42", ChatPlatform.Telegram));

        Assert.Contains("prod — openai — sk-proj-…" + _teamOpenAIKey[^4..], sink.Last.Text, StringComparison.Ordinal);
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task Own_keys_are_limited_per_user_with_a_refusal_naming_when_to_retry()
    {
        for (var i = 0; i < 5; i++)
        {
            var ok = await _harness.SendAsync(ConversationHarness.Dm(TestKeys.Gemini(), "limited"));
            Assert.Equal(ReplyKind.Diagnosis, ok.Last.Kind);
            _harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await _harness.SendAsync(ConversationHarness.Dm(TestKeys.Gemini(), "limited"));

        Assert.Equal(ReplyKind.Refusal, refused.Last.Kind);
        Assert.Contains("Try again in 55 minutes (at 13:00 UTC)", refused.Last.Text, StringComparison.Ordinal);
        var other = await _harness.SendAsync(ConversationHarness.Dm(TestKeys.Gemini(), "someone-else"));
        Assert.Equal(ReplyKind.Diagnosis, other.Last.Kind);
        _harness.Time.Advance(TimeSpan.FromMinutes(55));
        var again = await _harness.SendAsync(ConversationHarness.Dm(TestKeys.Gemini(), "limited"));
        Assert.Equal(ReplyKind.Diagnosis, again.Last.Kind);
    }

    [Fact]
    public async Task Unknown_command_gets_a_private_help_reply()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel("/frobnicate now"));

        var reply = Assert.Single(sink.Replies);
        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("/diagnose", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_chatter_gets_no_reply()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel("status of the build is green, help is on the way"));

        Assert.Empty(sink.Calls);
    }

    [Fact]
    public async Task Midjourney_without_a_place_check_says_it_lives_on_Discord_with_the_checklist()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel("/diagnose midjourney"));

        Assert.Contains("lives on Discord", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("/diagnose provider:midjourney", sink.Last.Text, StringComparison.Ordinal);
        Assert.Contains("subscription", sink.Last.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_without_a_key_or_team_key_asks_for_one_privately()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel("/diagnose claude"));

        var reply = sink.Last;
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal(CommandIds.EnterKey("anthropic"), Assert.Single(reply.Buttons).CustomId);
    }

    [Fact]
    public async Task Details_and_rerun_buttons_work_for_the_team_key_result()
    {
        var operatorUser = new ChatUser(ChatPlatform.Telegram, "42", []);
        var first = await _harness.SendAsync(ConversationHarness.Dm("/diagnose openai", "42", ChatPlatform.Telegram));
        var details = first.Last.Buttons.Single(b => b.Action == ReplyButtonAction.Details).CustomId;
        var rerun = first.Last.Buttons.Single(b => b.Action == ReplyButtonAction.Rerun).CustomId;

        var shown = await _harness.SendAsync(new IncomingMessage { User = operatorUser, IsPrivate = true, ButtonId = details });
        var again = await _harness.SendAsync(new IncomingMessage { User = operatorUser, IsPrivate = true, ButtonId = rerun });
        var stranger = await _harness.SendAsync(new IncomingMessage { User = new ChatUser(ChatPlatform.Telegram, "7", []), IsPrivate = true, ButtonId = details });

        Assert.Equal(ReplyKind.Details, shown.Last.Kind);
        Assert.Contains("code: ok", PlainTextRenderer.Render(shown.Last), StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.Ok, Assert.Single(again.Last.Cards).Verdict.Code);
        Assert.Equal(ReplyKind.Refusal, stranger.Last.Kind);
        Assert.Equal(2, _openai.Requests.Count);
    }

    [Fact]
    public async Task Details_of_a_private_result_open_for_its_owner_whatever_roles_the_event_carries()
    {
        var first = await _harness.SendAsync(new IncomingMessage { User = new ChatUser(ChatPlatform.Discord, "u3", ["5", "6"]), IsPrivate = true, Text = TestKeys.Gemini() });
        var details = first.Last.Buttons.Single(b => b.Action == ReplyButtonAction.Details).CustomId;

        var shown = await _harness.SendAsync(new IncomingMessage { User = new ChatUser(ChatPlatform.Discord, "u3", ["5", "6"]), IsPrivate = true, ButtonId = details });

        Assert.Equal(ReplyKind.Details, shown.Last.Kind);
    }

    [Fact]
    public async Task An_empty_key_form_gets_a_friendly_prompt_and_a_filled_one_is_diagnosed_as_typed()
    {
        var user = new ChatUser(ChatPlatform.Discord, "u9", []);

        var empty = await _harness.SendAsync(new IncomingMessage { User = user, IsPrivate = true, ModalId = CommandIds.KeyModal("gemini"), Text = "  " });
        var quoted = await _harness.SendAsync(new IncomingMessage { User = user, IsPrivate = true, ModalId = CommandIds.KeyModal("gemini"), Text = $"\"{_validGeminiKey}\"" });

        Assert.Contains("The form was empty", empty.Last.Text, StringComparison.Ordinal);
        Assert.Equal(VerdictCodes.KeyQuoted, Assert.Single(quoted.Last.Cards).Verdict.Code);
        quoted.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task A_key_of_another_platform_in_private_is_named_not_diagnosed()
    {
        var token = "ghp_" + new string('x', 36);

        var sink = await _harness.SendAsync(ConversationHarness.Dm(token));

        Assert.Contains("GitHub personal access token", sink.Last.Text, StringComparison.Ordinal);
        sink.AssertNoLeak(token);
    }

    [Fact]
    public async Task A_masked_key_in_a_channel_is_no_exposure_and_names_the_team_key()
    {
        var masked = _teamOpenAIKey[..8] + "****" + _teamOpenAIKey[^4..];

        var sink = await _harness.SendAsync(ConversationHarness.InChannel($"/diagnose key:{masked}", "u7", "111"));

        Assert.DoesNotContain(sink.Calls, c => c.Call == "delete");
        Assert.Equal("prod", Assert.Single(sink.Last.Cards).KeyName);
        sink.AssertNoLeak(AllKeys);
    }

    [Fact]
    public async Task A_bearer_header_pasted_in_a_channel_is_an_exposure_too()
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel("curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwx' https://example.test"));

        Assert.Equal(ReplyKind.Exposure, sink.Last.Kind);
        sink.AssertNoLeak("abcdefghijklmnopqrstuvwx");
    }

    [Fact]
    public async Task No_log_record_holds_a_key_or_the_users_text()
    {
        var key = TestKeys.OpenAIProject();
        const string Chatter = "my-very-private-sentence";

        await _harness.SendAsync(ConversationHarness.Dm($"{Chatter} {key}"));
        await _harness.SendAsync(ConversationHarness.InChannel($"{Chatter} {key}"));
        await _harness.SendAsync(ConversationHarness.Dm($"/diagnose {Chatter}"));

        Assert.NotEmpty(_harness.Logs);
        foreach (var record in _harness.Logs)
        {
            var text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(p => p.Value) ?? []);
            LeakAssert.NoSecret(text, [key, .. AllKeys]);
            Assert.DoesNotContain(Chatter, text, StringComparison.Ordinal);
        }
    }

    private static (string Text, List<string> Keys) ManyKeys()
    {
        var random = new Random(7);
        var keys = new List<string>();
        var text = new StringBuilder("look at these: ");
        while (text.Length < 3900)
        {
            var key = (keys.Count % 3) switch { 0 => TestKeys.Gemini(random), 1 => TestKeys.OpenAIProject(random), _ => TestKeys.Anthropic(random) };
            keys.Add(key);
            text.Append(key).Append(keys.Count % 2 == 0 ? " and " : "\n");
        }

        return (text.ToString()[..4000], keys);
    }
}
