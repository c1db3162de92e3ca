using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Telegram.Tests.Adapter;

/// <summary>
/// Telegram's <c>/diagnose &lt;provider&gt;</c> and <c>/help</c> through the fake Bot API: every registered provider is a
/// word the bot takes (read from the registry), and an unknown one gets a friendly reply listing them.
/// </summary>
public sealed class TelegramProviderWordsTests
{
    [Fact]
    public async Task Diagnose_EveryRegisteredProvider_IsUnderstood()
    {
        await using var bot = await AdapterHarness.StartAsync();
        var chat = AdapterHarness.TeamUserId;

        // The harness has a team key for Anthropic only: every other provider is asked for a key, by its display name.
        foreach (var d in ProviderRegistry.Descriptors.Where(d => d.Id != ProviderId.Anthropic))
        {
            var word = d.Aliases.Count > 0 ? d.Aliases[^1] : d.Wire;
            bot.Server.EnqueuePrivateMessage(chat, $"/diagnose@{FakeTelegramServer.BotUsername} {word}");
            await bot.TextAsync("sendMessage", chat, $"No team key is configured for {d.DisplayName}.");
        }

        Assert.DoesNotContain(bot.Server.MessagesIn(chat), m => m.Text.Contains("I do not know the provider", StringComparison.Ordinal));
        bot.AssertNothingLeaked();
    }

    [Fact]
    public async Task Diagnose_UnknownProvider_FriendlyReplyListsTheProviders()
    {
        await using var bot = await AdapterHarness.StartAsync();

        bot.Server.EnqueuePrivateMessage(7, "/diagnose bogus");

        var reply = await bot.TextAsync("sendMessage", 7, "I do not know the provider");
        Assert.Contains("bogus", reply.Text("text"), StringComparison.Ordinal);
        Assert.All(ProviderRegistry.Descriptors, d => Assert.Contains(d.Wire, reply.Text("text"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_NamesEveryProvider()
    {
        await using var bot = await AdapterHarness.StartAsync();

        bot.Server.EnqueuePrivateMessage(7, "/help");

        var help = await bot.TextAsync("sendMessage", 7, "providers: ");
        Assert.All(ProviderRegistry.Descriptors.SelectMany(d => d.Names), n => Assert.Contains(n, help.Text("text"), StringComparison.Ordinal));
    }
}
