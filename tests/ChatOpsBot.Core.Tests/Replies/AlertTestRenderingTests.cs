using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Core.Replies;

namespace ChatOpsBot.Core.Tests.Replies;

public sealed class AlertTestRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Test_CarriesItsKind_NotJustItsText()
    {
        var reply = AlertComposer.Test("#alerts", "u1", Now);

        Assert.Equal(ReplyKind.AlertTest, reply.Kind);
        Assert.Equal(ReplyVisibility.Public, reply.Visibility);
        Assert.Empty(reply.Cards);
    }

    [Fact]
    public void PlainText_AlertTest_ShowsItsTextWithCodeOk()
    {
        var text = PlainTextRenderer.Render(AlertComposer.Test("#alerts", "u1", Now));

        Assert.StartsWith("🔔 Test alert from ChatOpsBot (code: ok)\n", text, StringComparison.Ordinal);
        Assert.Contains("(#alerts). Requested by u1 at 2026-11-27 12:00 UTC. Nothing is broken.", text, StringComparison.Ordinal);
    }
}
