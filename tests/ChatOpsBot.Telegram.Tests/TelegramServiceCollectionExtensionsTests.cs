using ChatOpsBot.Telegram.Bot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Telegram.Tests;

public sealed class TelegramServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddTelegram();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddTelegram_ConfiguredUpdateTypes_ReplaceTheDefaultsInsteadOfAppending()
    {
        using var provider = Build(new() { ["Telegram:Token"] = "1:AAx", ["Telegram:AllowedUpdates:0"] = "message", ["Telegram:AllowedUpdates:1"] = "callback_query" });

        var options = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;

        Assert.Equal(["message", "callback_query"], options.EffectiveAllowedUpdates);
    }

    [Fact]
    public void AddTelegram_BadSettings_ValidationFailsWithoutTheToken()
    {
        using var provider = Build(new() { ["Telegram:Token"] = "abc:Secretpart-not-to-be-shown", ["Telegram:Mode"] = "Webhook" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Contains("Token", error.Message, StringComparison.Ordinal);
        Assert.Contains("WebhookUrl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretpart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTelegram_NoToken_BotResolvesButClientIsNeverBuilt()
    {
        using var provider = Build([]);

        var factory = provider.GetRequiredService<TelegramClientFactory>();

        Assert.NotNull(provider.GetRequiredService<ITelegramBot>());
        Assert.Throws<InvalidOperationException>(() => factory.Client);
    }
}
