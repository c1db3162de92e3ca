using System.Text;
using ChatOpsBot.Telegram.Rendering;
using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Telegram.Tests.Rendering;

public sealed class TelegramMessageSplitterTests
{
    [Fact]
    public void Split_ShortText_OnePartUnchanged() =>
        Assert.Equal(["<b>hi</b>"], TelegramMessageSplitter.Split("<b>hi</b>"));

    [Fact]
    public void Split_Exactly4096_OnePart() =>
        Assert.Single(TelegramMessageSplitter.Split(new string('a', 4096)));

    [Fact]
    public void Split_Paragraphs_CutAtBlankLines()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("word", 300)); // 1499 chars
        var html = string.Join("\n\n", Enumerable.Repeat(paragraph, 5));

        var parts = TelegramMessageSplitter.Split(html);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Length <= 4096));
        Assert.All(parts.Take(parts.Count - 1), p => Assert.EndsWith("word\n\n", p, StringComparison.Ordinal));
        Assert.Equal(html, string.Concat(parts));
    }

    [Fact]
    public void Split_LinesWithoutBlankLines_CutAtLineBreaks()
    {
        var html = string.Join("\n", Enumerable.Range(0, 400).Select(i => $"line {i:000} of the report"));

        var parts = TelegramMessageSplitter.Split(html);

        Assert.All(parts.Take(parts.Count - 1), p => Assert.EndsWith("\n", p, StringComparison.Ordinal));
        Assert.Equal(html, string.Concat(parts));
    }

    [Fact]
    public void Split_OneLongLine_CutAtSpaces()
    {
        var html = string.Join(" ", Enumerable.Repeat("abcdefg", 1200));

        var parts = TelegramMessageSplitter.Split(html);

        Assert.All(parts.Take(parts.Count - 1), p => Assert.EndsWith("abcdefg ", p, StringComparison.Ordinal));
        Assert.Equal(html, string.Concat(parts));
    }

    [Fact]
    public void Split_TagsAndEntitiesAcrossTheCut_EveryPartParsesAndTextSurvives()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 700; i++)
        {
            builder.Append("<b>bold &amp; <code>code&lt;").Append(i).Append("&gt;</code></b> ");
        }

        builder.Append("<pre>").Append(TelegramHtml.Escape(new string('<', 5000))).Append("</pre>");
        var html = builder.ToString();
        Assert.True(TelegramHtmlParser.TryParse(html, out var whole, out _));

        var parts = TelegramMessageSplitter.Split(html);

        var plain = new StringBuilder();
        foreach (var part in parts)
        {
            Assert.True(part.Length <= 4096);
            Assert.True(TelegramHtmlParser.TryParse(part, out var text, out var problem), problem);
            plain.Append(text);
        }

        Assert.Equal(whole, plain.ToString());
    }

    [Fact]
    public void Split_NoSpaces_HardCutNeverSplitsSurrogatePairs()
    {
        var html = string.Concat(Enumerable.Repeat("😀", 3000)); // 6000 UTF-16 units

        var parts = TelegramMessageSplitter.Split(html);

        Assert.All(parts, p =>
        {
            Assert.True(p.Length <= 4096);
            Assert.False(char.IsLowSurrogate(p[0]));
            Assert.False(char.IsHighSurrogate(p[^1]));
        });
        Assert.Equal(html, string.Concat(parts));
    }
}
