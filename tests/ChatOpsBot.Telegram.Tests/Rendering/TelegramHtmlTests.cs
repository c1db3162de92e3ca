using ChatOpsBot.Telegram.Rendering;
using ChatOpsBot.Testing.Telegram;

namespace ChatOpsBot.Telegram.Tests.Rendering;

public sealed class TelegramHtmlTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("<b>unclosed", "&lt;b&gt;unclosed")]
    [InlineData("a < b > c & d", "a &lt; b &gt; c &amp; d")]
    [InlineData("\"quoted\" 'single'", "\"quoted\" 'single'")]
    [InlineData("", "")]
    public void Escape_OutsideText_OnlyAngleBracketsAndAmpersandEscaped(string input, string expected) =>
        Assert.Equal(expected, TelegramHtml.Escape(input));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("&amp; &lt; &#65; &unknown;")]
    [InlineData("</b><i>unclosed <a href=\"javascript:x\">")]
    [InlineData("{\"error\":{\"message\":\"Incorrect API key <sk-...>\"}}")]
    public void Escape_ProviderMessage_TelegramShowsItVerbatim(string providerMessage)
    {
        var html = TelegramHtml.Bold("OpenAI said:") + "\n" + TelegramHtml.Pre(providerMessage) + " " + TelegramHtml.Code(providerMessage);

        Assert.True(TelegramHtmlParser.TryParse(html, out var plain, out var problem), problem);
        Assert.Equal("OpenAI said:\n" + providerMessage + " " + providerMessage, plain);
    }

    [Fact]
    public void EscapeAttribute_Quote_Escaped() =>
        Assert.Equal("a&quot;b&amp;c&lt;", TelegramHtml.EscapeAttribute("a\"b&c<"));

    [Fact]
    public void Link_HttpsUrlWithQuote_AttributeEscaped()
    {
        var html = TelegramHtml.Link("https://example.com/a?b=\"x\"&c=<d>", "docs & <more>");

        Assert.StartsWith("<a href=\"https://example.com/a?b=%22x%22&amp;c=%3Cd%3E\">", html, StringComparison.Ordinal);
        Assert.True(TelegramHtmlParser.TryParse(html, out var plain, out _));
        Assert.Equal("docs & <more>", plain);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("data:text/html,<b>")]
    public void Link_NotHttp_RenderedAsEscapedText(string href) =>
        Assert.Equal("click &lt;here&gt;", TelegramHtml.Link(href, "click <here>"));

    [Fact]
    public void Pre_Language_OnlySafeCharactersKept() =>
        Assert.Equal("<pre><code class=\"language-jsonscript\">x</code></pre>", TelegramHtml.Pre("x", "json\"><script"));
}
