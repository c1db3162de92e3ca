using System.IO.Compression;
using System.Text;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Engine;

/// <summary>
/// A middlebox labels an answer <c>Content-Encoding: gzip</c> (or br, deflate) over a body that is not, or cuts a
/// compressed body short: the diagnosis says what arrived instead of crashing.
/// </summary>
public sealed class BodyDecodingTests : IAsyncLifetime
{
    private const string ModelsJson = """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]}""";
    private readonly string _key = TestKeys.OpenAIProject();
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = (await FakeProviderServer.StartAsync()).AsOpenAI(_key);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, int, string> Undecodable => new()
    {
        { "gzip", 200, "plain" },
        { "gzip", 401, "plain" },
        { "br", 200, "plain" },
        { "deflate", 200, "plain" },
        { "gzip", 200, "garbage" },
        { "gzip, br", 200, "plain" },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task RunAsync_BodyNotInItsDeclaredEncoding_ProviderUnexpectedSayingWhatArrived(string encoding, int status, string body)
    {
        var raw = body switch
        {
            "plain" => Encoding.UTF8.GetBytes(ModelsJson),
            _ => [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01],
        };
        var answer = new FakeResponse
        {
            Status = status,
            RawBody = raw,
            ContentEncoding = encoding,
            Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
        };
        _server.Enqueue("GET", "/v1/models", answer).Enqueue("GET", "/v1/models", answer);
        using var harness = new EngineHarness(new FakeTimeProvider(), o => o.RetryDelay = TimeSpan.Zero);

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        var verdict = report.Providers.Single().Verdict;
        Assert.Equal(VerdictCodes.ProviderUnexpected, verdict.Code);
        Assert.Contains("could not be decoded", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal(status, (int?)verdict.Evidence["status"]);
        Assert.Equal(encoding, verdict.Evidence["content_encoding"]?.ToString());
        LeakAssert.NoSecret(JsonReportText(report), _key);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task RunAsync_CompressedBodyCutShort_ProviderUnexpectedNotCrash(string encoding)
    {
        var answer = new FakeResponse
        {
            Status = 200,
            RawBody = Compress(encoding, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(ModelsJson, 50))))[..40],
            ContentEncoding = encoding,
            Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
        };
        _server.Enqueue("GET", "/v1/models", answer).Enqueue("GET", "/v1/models", answer);
        using var harness = new EngineHarness(new FakeTimeProvider(), o => o.RetryDelay = TimeSpan.Zero);

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Equal(VerdictCodes.ProviderUnexpected, report.Providers.Single().Verdict.Code);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task RunAsync_BodyProperlyCompressed_IsReadAsUsual(string encoding)
    {
        _server.Enqueue("GET", "/v1/models", new FakeResponse
        {
            Status = 200,
            RawBody = Compress(encoding, Encoding.UTF8.GetBytes(ModelsJson)),
            ContentEncoding = encoding,
            Headers = new Dictionary<string, string> { ["content-type"] = "application/json", ["x-request-id"] = "req_1" },
        });
        using var harness = new EngineHarness(new FakeTimeProvider(), o => o.RetryDelay = TimeSpan.Zero);

        var report = await harness.RunAsync(EngineHarness.Request(ProviderId.OpenAI, _key, _server.BaseUrl));

        Assert.Equal(VerdictCodes.Ok, report.Providers.Single().Verdict.Code);
    }

    private static string JsonReportText(Diagnostics.Reports.DiagnosisReport report) => Diagnostics.Reports.JsonReport.Serialize(report);

    private static byte[] Compress(string encoding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
