using System.Net;
using System.Text;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Diagnostics.Tests.Engine;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

/// <summary>
/// A provider or gateway that echoes the key in another encoding (base64, wrapped lines, JSON or URL escapes, HTML
/// entities) must not get it past the report: the excerpt stays, the key does not, in any form.
/// </summary>
public sealed class EncodedEchoTests
{
    private static readonly string Key = TestKeys.OpenAIProject(new Random(7));

    public static TheoryData<string, int, string, string> Echoes()
    {
        var wrapped = string.Join("\n", Key.Chunk(10).Select(c => new string(c)));
        var escaped = string.Concat(Key.Select(c => $"\\u{(int)c:x4}"));
        return new TheoryData<string, int, string, string>
        {
            { "base64 in the message", 401, "application/json", Message("Invalid credentials for " + Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + Key))) },
            { "base64url in the message", 401, "application/json", Message("token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Key)).Replace('+', '-').Replace('/', '_').TrimEnd('=')) },
            { "wrapped every 10 characters, plain body", 418, "text/plain", "key refused:\n" + wrapped + "\nbye" },
            { "wrapped every 10 characters, in the message", 401, "application/json", Message("bad key " + wrapped) },
            { "JSON escapes at an unrecognised status", 418, "application/json", "{\"weird\":\"" + escaped + "\"}" },
            { "URL-encoded", 418, "text/plain", "redirect to /login?next=" + WebUtility.UrlEncode("key=" + Key).Replace("-", "%2D", StringComparison.Ordinal) },
            { "HTML entities", 403, "text/html", "<html><body><p>key " + string.Concat(Key.Select(c => $"&#{(int)c};")) + "</p></body></html>" },
        };
    }

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task Report_KeyEchoedEncoded_NoWindowOfItInAnyForm(string what, int status, string contentType, string body)
    {
        Assert.NotNull(what);
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        server.AsOpenAI();
        server.Enqueue("GET", "/v1/models", new FakeResponse { Status = status, Body = body, Headers = new Dictionary<string, string> { ["Content-Type"] = contentType } });
        using var harness = new EngineHarness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, Key, server.BaseUrl));

        using var text = new StringWriter();
        TextReport.Write(report, text, color: false);
        LeakAssertAnyForm.NoSecret(JsonReport.Serialize(report), Key);
        LeakAssert.NoSecret(JsonReport.Serialize(report), Key);
        LeakAssertAnyForm.NoSecret(text.ToString(), Key);
        LeakAssert.NoSecret(text.ToString(), Key);
    }

    [Fact]
    public async Task Report_WrappedEcho_KeepsTheExcerpt()
    {
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        server.AsOpenAI();
        var wrapped = string.Join("\n", Key.Chunk(10).Select(c => new string(c)));
        server.Enqueue("GET", "/v1/models", new FakeResponse { Status = 418, Body = "key refused:\n" + wrapped + "\nbye", Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" } });
        using var harness = new EngineHarness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, Key, server.BaseUrl));

        var finding = report.Providers[0].Findings.Single(f => f.Code == VerdictCodes.ProviderUnexpected);
        var excerpt = finding.Evidence["body_excerpt"]!.ToString();
        Assert.StartsWith("key refused:", excerpt, StringComparison.Ordinal);
        Assert.EndsWith("bye", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TruncatedEcho_ShowsNoMiddleCharactersAndBlamesNoOtherKey()
    {
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        server.AsOpenAI();
        var truncated = Key[..40] + "...";
        server.Enqueue("GET", "/v1/models", FakeResponse.Json(401,
            "{\"error\":{\"message\":\"Incorrect API key provided: " + truncated + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        using var harness = new EngineHarness();

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, Key, server.BaseUrl));

        var finding = report.Providers[0].Findings.Single(f => f.Code == VerdictCodes.AuthInvalidKey);
        Assert.DoesNotContain("different key", finding.Detail, StringComparison.Ordinal);
        Assert.Null(finding.Evidence["echoed_key_ends_with"]);
        var all = JsonReport.Serialize(report);
        Assert.DoesNotContain(Key[36..40], all, StringComparison.Ordinal);
        LeakAssertAnyForm.NoSecret(all, Key);
        LeakAssert.NoSecret(all, Key);
    }

    private static string Message(string message) =>
        "{\"error\":{\"message\":" + System.Text.Json.JsonSerializer.Serialize(message) + ",\"type\":\"invalid_request_error\",\"code\":null}}";
}
