using System.Globalization;
using System.Net;
using System.Text.Json;
using ChatOpsBot.Core.Replies;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Discord.Adapter;
using ChatOpsBot.Telegram.Adapter;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Fuzz;

/// <summary>
/// Provider answers made up at random — status × headers × body shape × the encoding the key is echoed in ×
/// truncation — each embedding the key sent, through the real engine (classifiers, echo check, scrubber) on a fake
/// provider on loopback, then every renderer: text report, JSON report, the chat reply as plain text, Discord and
/// Telegram. Invariants: no unhandled exception, no 12-character window of the key in any output in any likely
/// encoding, JSON always parses. Small in CI; set <c>CHATOPSBOT_FUZZ_ITERATIONS</c> (e.g. 5000) for a longer run.
/// </summary>
public sealed class ProviderAnswerFuzzTests
{
    private const int DefaultIterations = 60;

    private static readonly ProviderId[] Providers = [ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini];

    private static readonly int[] Statuses = [200, 201, 204, 301, 400, 401, 402, 403, 404, 407, 408, 409, 413, 418, 422, 429, 451, 500, 502, 503, 504, 529, 599];

    private enum Encoding
    {
        Plain,
        Base64,
        Base64Url,
        JsonEscapes,
        UrlEncoded,
        HtmlEntities,
        Wrapped,
        SpaceSplit,
        Truncated,
        MaskedEcho,
        Quoted,
        Bearer,
    }

    private enum Shape
    {
        OpenAIError,
        AnthropicError,
        GoogleError,
        LooseMessage,
        Detail,
        Html,
        PlainText,
        Empty,
        ModelList,
        JsonArray,
        BrokenJson,
        ErrorString,
    }

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("CHATOPSBOT_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultIterations;

    [Fact]
    public async Task RandomAnswers_EmbeddingTheKey_NeverCrashNeverLeakJsonAlwaysParses()
    {
        await using var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        FakeResponse current = FakeResponse.Json(200, "{}");
        foreach (var path in new[] { "/v1/models", "/v1beta/models" })
        {
            server.On("GET", path, _ => Volatile.Read(ref current));
        }

        await using var services = Services();
        var engine = services.GetRequiredService<DiagnosticEngine>();
        var scrubber = services.GetRequiredService<SecretScrubber>();

        var gen = Gen.Select(
            Gen.Select(Gen.Int[0, Providers.Length - 1], Gen.Int[0, int.MaxValue], Gen.OneOf(Gen.Int[0, Statuses.Length - 1].Select(i => Statuses[i]), Gen.Int[100, 599])),
            Gen.Select(Gen.Enum<Shape>(), Gen.Enum<Encoding>().Array[1, 3], Gen.Int[2, 11]),
            Gen.Select(Gen.Int[0, 15], Gen.Int[-1, 400], Gen.Bool));

        await gen.SampleAsync(async sample =>
        {
            var ((p, seed, status), (shape, encodings, wrap), (headerMask, cut, html)) = sample;
            var provider = Providers[p];
            var key = TestKeys.For(provider.Wire(), new Random(seed));
            var echoes = encodings.Select(e => Encode(key, e, wrap)).ToList();
            var body = Body(shape, echoes, key);
            if (cut >= 0 && cut < body.Length)
            {
                body = body[..cut]; // a truncated answer
            }

            var headers = Headers(headerMask, echoes[0], html, shape);
            Volatile.Write(ref current, new FakeResponse { Status = status, Body = body, Headers = headers });

            var request = new DiagnosisRequest
            {
                Provider = provider,
                Key = key,
                KeySource = KeySource.Environment,
                KeyOrigin = "FUZZ_KEY",
                BaseUrl = server.BaseUrl,
            };
            var report = await engine.RunAsync([request], cancellationToken: TestContext.Current.CancellationToken);

            foreach (var (name, output) in Render(report, scrubber))
            {
                try
                {
                    LeakAssertAnyForm.NoSecret(output, key);
                }
                catch (LeakException ex)
                {
                    // The message names the renderer, the answer's shape and how the key was echoed: never the key.
                    throw new LeakException($"{name}, status {status}, {shape}, echoed as {string.Join("+", encodings)}, cut {cut}: {ex.Message}", ex);
                }
            }

            return true;
        }, iter: Iterations, threads: 1);
    }

    private static IEnumerable<(string Name, string Output)> Render(DiagnosisReport report, SecretScrubber scrubber)
    {
        using var text = new StringWriter();
        TextReport.Write(report, text, color: false);
        yield return ("text report", text.ToString());

        using var colored = new StringWriter();
        TextReport.Write(report, colored, color: true);
        yield return ("coloured text report", colored.ToString());

        foreach (var json in new[] { JsonReport.Serialize(report), JsonReport.Serialize(report, scrubber) })
        {
            using var _ = JsonDocument.Parse(json); // the JSON contract: it always parses
            yield return ("JSON report", json);
        }

        var reply = ReplyBuilder.FromReport(report, ReplyVisibility.Private);
        var details = ReplyBuilder.Details(report, ReplyVisibility.Private);
        foreach (var (name, r) in new[] { ("reply", reply), ("details", details) })
        {
            yield return ($"chat {name} (plain text)", PlainTextRenderer.Render(r));
            yield return ($"chat {name} (Discord)", DiscordReplyRenderer.Render(r).ToJson().ToJsonString());
            yield return ($"chat {name} (Telegram)", TelegramReplyRenderer.Render(r));
        }
    }

    private static string Encode(string key, Encoding encoding, int wrap) => encoding switch
    {
        Encoding.Plain => key,
        Encoding.Base64 => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Bearer " + key)),
        Encoding.Base64Url => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:" + key)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
        Encoding.JsonEscapes => string.Concat(key.Select(c => $"\\u{(int)c:x4}")),
        Encoding.UrlEncoded => WebUtility.UrlEncode(key).Replace("-", "%2D", StringComparison.Ordinal).Replace("_", "%5F", StringComparison.Ordinal),
        Encoding.HtmlEntities => string.Concat(key.Select(c => string.Create(CultureInfo.InvariantCulture, $"&#{(int)c};"))),
        Encoding.Wrapped => string.Join("\n", key.Chunk(wrap).Select(c => new string(c))),
        Encoding.SpaceSplit => string.Join(" ", key.Chunk(wrap).Select(c => new string(c))),
        Encoding.Truncated => key[..Math.Min(key.Length, 12 + (wrap * 3))] + "...",
        Encoding.MaskedEcho => key[..Math.Min(key.Length, 8)] + new string('*', 20) + key[^4..],
        Encoding.Quoted => "\"" + key + "\"",
        _ => "Bearer " + key,
    };

    private static string Body(Shape shape, List<string> echoes, string key)
    {
        var message = "Incorrect API key provided: " + string.Join(" / ", echoes) + ". See the docs.";
        var quoted = JsonSerializer.Serialize(message);
        var raw = "\"" + message.Replace("\n", "\\n", StringComparison.Ordinal) + "\""; // keeps \u escapes raw
        var m = echoes.Any(e => e.Contains("\\u", StringComparison.Ordinal)) ? raw : quoted;
        return shape switch
        {
            Shape.OpenAIError => "{\"error\":{\"message\":" + m + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
            Shape.AnthropicError => "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":" + m + "},\"request_id\":\"req_011CQv8aXdyBmNk3gP6Zr4Hs\"}",
            Shape.GoogleError => "{\"error\":{\"code\":400,\"message\":" + m + ",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"metadata\":{\"key\":" + m + "}}]}}",
            Shape.LooseMessage => "{\"message\":" + m + "}",
            Shape.Detail => "{\"detail\":" + m + "}",
            Shape.Html => "<!DOCTYPE html><html><head><title>Denied " + echoes[0] + "</title></head><body><p>" + string.Join("<br>", echoes) + "</p></body></html>",
            Shape.PlainText => message,
            Shape.Empty => "",
            Shape.ModelList => "{\"object\":\"list\",\"data\":[{\"id\":" + m + ",\"object\":\"model\"}]}",
            Shape.JsonArray => "[{\"error\":{\"message\":" + m + "}}]",
            Shape.BrokenJson => "{\"error\":{\"message\":" + m,
            _ => "{\"error\":" + m + ",\"key_length\":" + key.Length.ToString(CultureInfo.InvariantCulture) + "}",
        };
    }

    private static Dictionary<string, string> Headers(int mask, string echo, bool html, Shape shape)
    {
        // Header values must be one line of Latin-1: a wrapped echo goes in with its line breaks as spaces.
        var oneLine = new string([.. echo.Select(c => c is '\n' or '\r' ? ' ' : c)]);
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = html || shape == Shape.Html ? "text/html; charset=utf-8" : shape is Shape.PlainText or Shape.Empty ? "text/plain" : "application/json",
        };
        if ((mask & 1) != 0)
        {
            headers["x-request-id"] = "req_" + oneLine;
        }

        if ((mask & 2) != 0)
        {
            headers["Server"] = "gateway " + oneLine;
        }

        if ((mask & 4) != 0)
        {
            headers["Retry-After"] = oneLine;
        }

        if ((mask & 8) != 0)
        {
            headers["Via"] = "1.1 squid " + oneLine;
        }

        return headers;
    }

    private static ServiceProvider Services() => new ServiceCollection()
        .AddLogging()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Diagnostics:RetryDelay"] = "00:00:00" }) // 5xx retries at once
            .Build())
        .AddSingleton(new EnvironmentVariables(_ => null))
        .AddDiagnostics()
        .AddStatusPagesGuard()
        .BuildServiceProvider();
}
