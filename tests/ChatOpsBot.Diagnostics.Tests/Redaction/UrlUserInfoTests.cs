using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.Tests.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

/// <summary>
/// A password in a configured base URL (<c>http://admin:pass@gateway</c>) or a key in its query string is the
/// operator's secret: no report, evidence or text shows it.
/// </summary>
public sealed class UrlUserInfoTests
{
    private const string Password = "Gw-pass-7731";

    [Fact]
    public async Task Report_BaseUrlWithPassword_NeitherTextNorJsonShowsIt()
    {
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var key = TestKeys.OpenAIProject();
        server.AsOpenAI(key);
        var baseUrl = new Uri($"http://admin:{Password}@127.0.0.1:{server.BaseUrl.Port}/");
        using var harness = new EngineHarness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, key, baseUrl));

        using var text = new StringWriter();
        TextReport.Write(report, text, color: false);
        var json = JsonReport.Serialize(report);
        foreach (var output in new[] { text.ToString(), json })
        {
            Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
            Assert.DoesNotContain("admin:", output, StringComparison.Ordinal);
        }

        Assert.Contains($"127.0.0.1:{server.BaseUrl.Port}", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RequestWithPasswordAndQueryKey_HidesBoth()
    {
        var geminiKey = TestKeys.Gemini();
        var request = new DiagnosisRequest
        {
            Provider = ProviderId.Gemini,
            BaseUrl = new Uri($"https://admin:{Password}@gw.example/gemini?key={geminiKey}"),
        };

        var shown = request.ToString();

        Assert.DoesNotContain(Password, shown, StringComparison.Ordinal);
        LeakAssert.NoSecret(shown, geminiKey);
        Assert.Contains("gw.example/gemini", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://admin:Gw-pass-7731@gateway.internal:4000/v1", "http://…@gateway.internal:4000/v1")]
    [InlineData("connect to https://u:Gw-pass-7731@gw.example failed", "connect to https://…@gw.example failed")]
    [InlineData("socks5://bob:Gw-pass-7731@10.0.0.1:1080", "socks5://…@10.0.0.1:1080")]
    [InlineData("https://gw.example/v1beta?key=Gw-pass-77&alt=json", "https://gw.example/v1beta?key=…&alt=json")]
    public void Scrub_UrlWithUserInfoOrQueryKey_Hidden(string text, string expected)
    {
        Assert.Equal(expected, new SecretScrubber().Scrub(text));
    }

    [Theory]
    [InlineData("https://admin:pw@gw.example:8443/v1?key=abcdefgh12345&x=1", "https://gw.example:8443/v1?key=…&x=1")]
    [InlineData("http://127.0.0.1:4000/", "http://127.0.0.1:4000/")]
    public void Display_Url_DropsUserInfoAndQuerySecrets(string url, string expected)
    {
        Assert.Equal(expected, UrlDisplay.Show(new Uri(url)));
    }
}
