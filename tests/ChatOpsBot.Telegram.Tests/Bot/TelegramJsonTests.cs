using System.Text.Json;
using ChatOpsBot.Telegram.Bot;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatOpsBot.Telegram.Tests.Bot;

public sealed class TelegramJsonTests
{
    // Telegram.Bot's options as they are before their first use: with JSON reflection on (as in this test project),
    // their resolver is unset, and asking for a contract threw until Contract settled them. Which test touched
    // TelegramJson first decided whether a dozen webhook and adapter tests failed.
    [Fact]
    public void Contract_OptionsNeverUsedYet_ReadsAnUpdate()
    {
        var options = new JsonSerializerOptions();
        JsonBotAPI.Configure(options);

        var contract = TelegramJson.Contract<Update>(options);
        var update = JsonSerializer.Deserialize("""{"update_id":7,"message":{"message_id":1,"date":1700000000,"chat":{"id":42,"type":"private"},"text":"/help"}}""", contract);

        Assert.Equal(7, update!.Id);
        Assert.Equal("/help", update.Message!.Text);
    }

    [Fact]
    public void Contract_SharedOptions_SameContractAsTheBot()
    {
        Assert.Same(JsonBotAPI.Options, TelegramJson.Update.Options);
        Assert.Same(JsonBotAPI.Options, TelegramJson.InlineKeyboardMarkup.Options);
    }
}
