using System.Text;
using ChatOpsBot.Telegram.Rendering;

namespace ChatOpsBot.Telegram.Tests.Rendering;

public sealed class TelegramKeyboardsTests
{
    [Fact]
    public void RerunAndDetails_OneRowOfTwoCallbackButtons()
    {
        var keyboard = TelegramKeyboards.RerunAndDetails("d-42");

        var row = Assert.Single(keyboard.InlineKeyboard);
        Assert.Equal(["rerun:d-42", "details:d-42"], row.Select(b => b.CallbackData));
    }

    [Fact]
    public void CallbackData_At64Bytes_Accepted() =>
        Assert.Equal(64, Encoding.UTF8.GetByteCount(TelegramKeyboards.CallbackData("rerun", new string('x', 58))));

    [Fact]
    public void CallbackData_MultiByteOver64Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => TelegramKeyboards.CallbackData("rerun", new string('é', 30)));

    [Theory]
    [InlineData("rerun:abc", true, "rerun", "abc")]
    [InlineData("details:a:b", true, "details", "a:b")]
    [InlineData("nocolon", false, "", "")]
    [InlineData(":x", false, "", "")]
    public void TryParseCallbackData_Splits(string data, bool ok, string action, string id)
    {
        Assert.Equal(ok, TelegramKeyboards.TryParseCallbackData(data, out var a, out var i));
        Assert.Equal(action, a);
        Assert.Equal(id, i);
    }
}
