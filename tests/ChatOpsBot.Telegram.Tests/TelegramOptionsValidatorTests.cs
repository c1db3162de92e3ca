using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Telegram.Tests;

public sealed class TelegramOptionsValidatorTests
{
    private static readonly TelegramOptionsValidator Sut = new();

    [Fact]
    public void Validate_NoToken_SucceedsAndAdapterOff()
    {
        var options = new TelegramOptions { Mode = TelegramMode.Webhook };

        Assert.True(Sut.Validate(null, options).Succeeded);
        Assert.False(options.IsConfigured);
    }

    [Fact]
    public void Validate_MalformedToken_FailsWithoutEchoingIt()
    {
        var result = Sut.Validate(null, new TelegramOptions { Token = "not-a-token-secret-value" });

        Assert.True(result.Failed);
        Assert.DoesNotContain("secret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WebhookWithoutHttpsOrSecret_EveryProblemReported()
    {
        var result = Sut.Validate(null, new TelegramOptions
        {
            Token = FakeTelegramServer.DefaultToken,
            Mode = TelegramMode.Webhook,
            WebhookUrl = new Uri("http://bot.example.com/telegram"),
            WebhookSecretToken = "has spaces",
        });

        Assert.Contains("WebhookUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WebhookSecretToken", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownUpdateType_Fails() =>
        Assert.True(Sut.Validate(null, new TelegramOptions { Token = FakeTelegramServer.DefaultToken, AllowedUpdates = ["message", "bogus_update"] }).Failed);

    [Fact]
    public void Validate_ShortPolling_Refused() =>
        Assert.True(Sut.Validate(null, new TelegramOptions { Token = FakeTelegramServer.DefaultToken, PollTimeout = TimeSpan.Zero }).Failed);

    [Fact]
    public void Validate_Defaults_AskOnlyForWhatTheBotUses()
    {
        var options = new TelegramOptions { Token = FakeTelegramServer.DefaultToken };

        Assert.True(Sut.Validate(null, options).Succeeded);
        Assert.Equal(["message", "edited_message", "callback_query", "my_chat_member"], options.EffectiveAllowedUpdates);
        Assert.Equal(new Uri("https://api.telegram.org"), options.ApiBaseUrl);
    }
}
