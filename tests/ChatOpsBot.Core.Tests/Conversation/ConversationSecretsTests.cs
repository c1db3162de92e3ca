using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Core.Tests.Conversation;

/// <summary>
/// What the conversation gives away: nothing about the team's keys to someone outside the team, and no
/// secret-looking text typed by a user repeated in a reply.
/// </summary>
public sealed class ConversationSecretsTests : IAsyncLifetime
{
    private const string AzureKey = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"; // 32 hex: no platform's by shape (Mistral's or Azure's, it could be)

    private readonly string _prodKey = TestKeys.OpenAIProject();
    private readonly string _stagingKey = TestKeys.OpenAIProject();
    private FakeProviderServer _openai = null!;
    private ConversationHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync()).AsOpenAI(_prodKey, _stagingKey);
        _openai.On("GET", "/v1/models/" + AzureKey, FakeResponse.Json(404, """{"error":{"message":"The model does not exist","type":"invalid_request_error","code":"model_not_found"}}"""));
        _harness = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["Providers:OpenAI:BaseUrl"] = _openai.BaseUrl.ToString(),
                ["TeamKeys:0:Name"] = "prod",
                ["TeamKeys:0:Provider"] = "openai",
                ["TeamKeys:0:KeyEnv"] = "PROD_OPENAI_KEY",
                ["TeamKeys:1:Name"] = "staging",
                ["TeamKeys:1:Provider"] = "openai",
                ["TeamKeys:1:KeyEnv"] = "STAGING_OPENAI_KEY",
                ["Access:Discord:RoleIds:0"] = "111",
                ["Access:Telegram:UserIds:0"] = "42",
            },
            new Dictionary<string, string> { ["PROD_OPENAI_KEY"] = _prodKey, ["STAGING_OPENAI_KEY"] = _stagingKey });
    }

    public async ValueTask DisposeAsync()
    {
        _harness.Dispose();
        await _openai.DisposeAsync();
    }

    // Item 9: names and masks are not resolved for someone outside the team.
    [Theory]
    [InlineData("/diagnose key:prod")]
    [InlineData("/diagnose openai prod")]
    [InlineData("/diagnose openai")]
    [InlineData("/diagnose all")]
    [InlineData("MASKED_DOTS")]
    [InlineData("/diagnose key:MASKED_PROD")]
    [InlineData("MASKED_ANY")]
    public async Task Outsider_asking_for_a_team_key_learns_no_more_than_keys_tells_them(string text)
    {
        text = text
            .Replace("MASKED_DOTS", _prodKey[..8] + "..." + _prodKey[^4..], StringComparison.Ordinal)
            .Replace("MASKED_PROD", _prodKey[..8] + "…" + _prodKey[^4..], StringComparison.Ordinal)
            .Replace("MASKED_ANY", "sk-proj-…" + _prodKey[^4..], StringComparison.Ordinal);
        var keys = await _harness.SendAsync(ConversationHarness.Dm("/keys", "stranger"));

        var sink = await _harness.SendAsync(ConversationHarness.Dm(text, "stranger"));

        var reply = sink.Last;
        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Equal(keys.Last.Text, reply.Text);
        foreach (var leak in new[] { "prod", "staging", _prodKey[^4..], _stagingKey[^4..] })
        {
            Assert.DoesNotContain(leak, sink.AllText, StringComparison.Ordinal);
        }

        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task Outsider_gets_the_same_answer_for_a_name_that_exists_and_one_that_does_not()
    {
        var known = await _harness.SendAsync(ConversationHarness.Dm("/diagnose key:prod", "stranger"));
        var unknown = await _harness.SendAsync(ConversationHarness.Dm("/diagnose key:nosuchkey", "stranger"));
        var knownWord = await _harness.SendAsync(ConversationHarness.Dm("/diagnose openai staging", "stranger"));
        var unknownWord = await _harness.SendAsync(ConversationHarness.Dm("/diagnose openai nosuchkey", "stranger"));
        var knownBare = await _harness.SendAsync(ConversationHarness.Dm("/diagnose staging", "stranger"));
        var unknownBare = await _harness.SendAsync(ConversationHarness.Dm("/diagnose nosuchkey", "stranger"));
        var knownMask = await _harness.SendAsync(ConversationHarness.Dm("sk-proj-…" + _stagingKey[^4..], "stranger"));
        var unknownMask = await _harness.SendAsync(ConversationHarness.Dm("sk-proj-…" + Other(_prodKey[^4..], _stagingKey[^4..]), "stranger"));

        Assert.Equal(unknown.AllText, known.AllText);
        Assert.Equal(unknownWord.AllText, knownWord.AllText);
        Assert.Equal(unknownBare.AllText.Replace("nosuchkey", "staging", StringComparison.Ordinal), knownBare.AllText);
        Assert.Equal(unknownMask.AllText, knownMask.AllText);
    }

    // Item 10: a secret typed into a public option is an exposure, not a key name to repeat.
    [Fact]
    public async Task A_secret_looking_key_option_in_a_channel_is_treated_as_a_pasted_key()
    {
        var message = new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Discord, "u7", ["111"]),
            IsPrivate = false,
            CommandName = "diagnose",
            Options = new Dictionary<string, string> { ["provider"] = "openai", ["key"] = AzureKey },
            MessageId = "m1",
        };

        var sink = await _harness.SendAsync(message);

        Assert.Equal(ReplyKind.Exposure, sink.Last.Kind);
        Assert.Contains("rotate", sink.Last.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyVisibility.Private, sink.Last.Visibility);
        LeakAssertAnyForm.NoSecret(sink.AllText, AzureKey);
        LeakAssert.NoSecret(sink.AllText, AzureKey);
        Assert.Empty(_openai.Requests);
    }

    [Theory]
    [InlineData("/diagnose key:SECRET")]
    [InlineData("/diagnose openai SECRET")]
    [InlineData("/SECRET")]
    [InlineData("/diagnose SECRET")]
    [InlineData("/alerts mute SECRET 2h")]
    [InlineData("/alerts SECRET")]
    public async Task A_secret_looking_word_in_a_channel_is_never_repeated(string text)
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel(text.Replace("SECRET", AzureKey, StringComparison.Ordinal), "u7", "111"));

        Assert.Equal(ReplyKind.Exposure, sink.Last.Kind);
        LeakAssertAnyForm.NoSecret(sink.AllText, AzureKey);
        LeakAssert.NoSecret(sink.AllText, AzureKey);
    }

    [Theory]
    [InlineData("/diagnose key:SECRET")]
    [InlineData("/diagnose openai SECRET")]
    [InlineData("/SECRET")]
    [InlineData("/diagnose SECRET")]
    [InlineData("/alerts mute SECRET 2h")]
    [InlineData("/alerts SECRET")]
    [InlineData("/alerts mute prod SECRET")]
    public async Task A_secret_looking_word_in_private_is_not_repeated_either(string text)
    {
        var sink = await _harness.SendAsync(ConversationHarness.Dm(text.Replace("SECRET", AzureKey, StringComparison.Ordinal), "42", ChatPlatform.Telegram));

        LeakAssertAnyForm.NoSecret(sink.AllText, AzureKey);
        LeakAssert.NoSecret(sink.AllText, AzureKey);
        // Not sent anywhere as a model name either; after "openai" it is a key (a bare shape, taken after a provider's
        // name), sent only as one.
        Assert.All(_openai.Requests, r => Assert.DoesNotContain(AzureKey, r.Path + r.Query + r.Body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/diagnose openai gpt-4o-mini-2024-07-18")]
    [InlineData("/diagnose gemini gemini-2.5-flash-preview-05-20")]
    [InlineData("/diagnose key:prod-openai-backup")]
    [InlineData("/diagnose openai meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo")]
    public async Task Ordinary_model_and_key_names_in_a_channel_are_no_exposure(string text)
    {
        var sink = await _harness.SendAsync(ConversationHarness.InChannel(text, "u9")); // not on the team: nothing is diagnosed

        Assert.NotEqual(ReplyKind.Exposure, sink.Last.Kind);
    }

    // Item 11: the dead setting is gone, and configuration that still sets it is harmless.
    [Fact]
    public void AllowPrivateBaseUrl_is_no_longer_a_setting_or_a_request_property()
    {
        Assert.Null(typeof(ConversationOptions).GetProperty("AllowPrivateBaseUrl"));
        Assert.Null(typeof(DiagnosisRequest).GetProperty("AllowPrivateBaseUrl"));
    }

    [Fact]
    public async Task A_users_own_key_goes_through_the_operators_loopback_base_url_with_the_old_setting_left_in_config()
    {
        var userKey = TestKeys.OpenAIProject();
        await using var gateway = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(userKey);
        using var harness = new ConversationHarness(new Dictionary<string, string?>
        {
            ["Providers:OpenAI:BaseUrl"] = gateway.BaseUrl.ToString(),
            ["Conversation:AllowPrivateBaseUrl"] = "false", // an old setting: ignored
        });
        harness.ValidateOnStart();

        var sink = await harness.SendAsync(ConversationHarness.Dm("openai " + userKey, "someone"));

        Assert.Equal("ok", Assert.Single(sink.Last.Cards).Verdict.Code);
        Assert.Single(gateway.Requests);
        sink.AssertNoLeak(userKey);
    }

    // Item 7: a password in a team key's base URL is in no reply.
    [Fact]
    public async Task A_team_key_behind_a_gateway_with_a_password_in_its_URL_never_shows_the_password()
    {
        await using var gateway = (await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken)).AsOpenAI(_prodKey);
        using var harness = new ConversationHarness(
            new Dictionary<string, string?>
            {
                ["TeamKeys:0:Name"] = "gw",
                ["TeamKeys:0:Provider"] = "openai",
                ["TeamKeys:0:KeyEnv"] = "GW_KEY",
                ["TeamKeys:0:BaseUrl"] = $"http://admin:Gw-pass-7731@127.0.0.1:{gateway.BaseUrl.Port}/",
                ["Access:Discord:RoleIds:0"] = "111",
            },
            new Dictionary<string, string> { ["GW_KEY"] = _prodKey });

        var sink = await harness.SendAsync(ConversationHarness.InChannel("/diagnose key:gw", "u7", "111"));
        var details = await harness.SendAsync(new IncomingMessage
        {
            User = new ChatUser(ChatPlatform.Discord, "u7", ["111"]),
            IsPrivate = false,
            ButtonId = sink.Last.Buttons.First(b => b.Action == ReplyButtonAction.Details).CustomId,
        });

        Assert.Equal("ok", Assert.Single(sink.Last.Cards).Verdict.Code);
        foreach (var text in new[] { sink.AllText, details.AllText, string.Join("\n", harness.Logs.Select(l => l.Message)) })
        {
            Assert.DoesNotContain("Gw-pass-7731", text, StringComparison.Ordinal);
            Assert.DoesNotContain("admin:", text, StringComparison.Ordinal);
        }

        Assert.Contains($"127.0.0.1:{gateway.BaseUrl.Port}", details.AllText, StringComparison.Ordinal);
    }

    private static string Other(params string[] tails)
    {
        foreach (var candidate in new[] { "zzzz", "yyyy", "xxxx" })
        {
            if (!tails.Contains(candidate))
            {
                return candidate;
            }
        }

        return "wwww";
    }
}
