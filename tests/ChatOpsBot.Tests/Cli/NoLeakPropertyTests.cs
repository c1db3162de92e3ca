using System.Text;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Reports;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using ChatOpsBot.Testing.StatusPages;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// For many random keys of each provider's shape and every answer scenario (accepted, rejected with the provider's
/// own echo, a hostile gateway echoing the whole key in JSON or HTML, a key with a stray newline), neither the
/// JSON nor the text output holds the key beyond its shown form.
/// </summary>
public sealed class NoLeakPropertyTests
{
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly Gen<string> OpenAIKeys = Gen.OneOf(
        Gen.Char[UrlSafe].Array[156].Select(c => "sk-proj-" + new string(c)),
        Gen.Select(Gen.Char[Alnum].Array[20], Gen.Char[Alnum].Array[20], (a, b) => "sk-" + new string(a) + "T3BlbkFJ" + new string(b)),
        Gen.Char[UrlSafe].Array[156].Select(c => "sk-svcacct-" + new string(c)));

    private static readonly Gen<string> AnthropicKeys = Gen.Char[UrlSafe].Array[93].Select(c => "sk-ant-api03-" + new string(c) + "AA");

    private static readonly Gen<string> GeminiKeys = Gen.Char[UrlSafe].Array[35].Select(c => "AIza" + new string(c));

    private enum Scenario
    {
        Accepted,
        RejectedWithEcho,
        HostileJsonEcho,
        HostileHtmlEcho,
        NewlineInEnvironment,
    }

    [Theory]
    [InlineData(ProviderId.OpenAI)]
    [InlineData(ProviderId.Anthropic)]
    [InlineData(ProviderId.Gemini)]
    public async Task Outputs_RandomKeysEveryScenario_NeverContainTheKey(ProviderId provider)
    {
        var keys = provider switch
        {
            ProviderId.OpenAI => OpenAIKeys,
            ProviderId.Anthropic => AnthropicKeys,
            _ => GeminiKeys,
        };
        await using var services = Services();
        var engine = services.GetRequiredService<DiagnosticEngine>();
        var scrubber = services.GetRequiredService<SecretScrubber>();

        await Gen.Select(keys, Gen.Enum<Scenario>()).SampleAsync(async sample =>
        {
            var (key, scenario) = sample;
            await using var server = await StartAsync(provider, key, scenario);
            var request = new DiagnosisRequest
            {
                Provider = provider,
                Key = scenario == Scenario.NewlineInEnvironment ? key + "\n" : key,
                KeySource = KeySource.Environment,
                KeyOrigin = "TEST_KEY",
                BaseUrl = server.BaseUrl,
            };

            // The CLI registers nothing extra here on purpose: the engine alone must keep outputs clean.
            var report = await engine.RunAsync([request], cancellationToken: TestContext.Current.CancellationToken);
            using var text = new StringWriter();
            TextReport.Write(report, text, color: false);
            LeakAssert.NoSecret(JsonReport.Serialize(report), key);
            LeakAssert.NoSecret(text.ToString(), key);
            LeakAssert.NoSecret(scrubber.Scrub(server.Requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), key);
            return true;
        }, iter: 40, threads: 1);
    }

    private static async Task<FakeProviderServer> StartAsync(ProviderId provider, string key, Scenario scenario)
    {
        var server = await FakeProviderServer.StartAsync(TestContext.Current.CancellationToken);
        var path = provider == ProviderId.Gemini ? "/v1beta/models" : "/v1/models";
        var valid = scenario == Scenario.RejectedWithEcho ? [] : new[] { key };
        _ = provider switch
        {
            ProviderId.OpenAI => server.AsOpenAI(valid),
            ProviderId.Anthropic => server.AsAnthropic(valid),
            _ => server.AsGemini(valid),
        };
        if (scenario == Scenario.HostileJsonEcho)
        {
            server.Enqueue("GET", path, FakeResponse.Json(401,
                $$$"""{"error":{"message":"Invalid credentials: {{{key}}} (key={{{key[..20]}}}, tail {{{key[^16..]}}})","type":"gateway_error"}}"""));
        }
        else if (scenario == Scenario.HostileHtmlEcho)
        {
            var body = new StringBuilder("<html><body><h1>403 Forbidden</h1><p>Blocked request carrying ")
                .Append(key).Append("</p><pre>Authorization: Bearer ").Append(key).Append("</pre></body></html>");
            server.Enqueue("GET", path, FakeResponse.Html(403, body.ToString()));
        }

        return server;
    }

    private static ServiceProvider Services() => new ServiceCollection()
        .AddLogging()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddSingleton(new EnvironmentVariables(_ => null))
        .AddDiagnostics()
        .AddStatusPagesGuard()
        .BuildServiceProvider();
}
