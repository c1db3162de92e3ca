using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Testing.Providers;
using CsCheck;

namespace ChatOpsBot.Tests.Cli;

/// <summary>
/// <c>diagnose --json</c> always prints JSON that parses, whatever is wrong with the key: quotes, white space,
/// newlines, zero-width and BOM characters, a pasted <c>Bearer </c>, non-ASCII look-alikes, backslashes, and several
/// at once. And the key is in none of it.
/// </summary>
public sealed class JsonOutputPropertyTests : IAsyncLifetime
{
    private static readonly Func<string, string>[] Defects =
    [
        k => "\"" + k + "\"",
        k => "'" + k + "'",
        k => "“" + k + "”",
        k => "\"" + k,
        k => k + "\\",
        k => "\\\"" + k + "\\\"",
        k => k[..12] + "\\n" + k[12..],
        k => " " + k,
        k => k + " ",
        k => "\t" + k,
        k => k + "\n",
        k => k + "\r\n",
        k => k[..10] + "\n" + k[10..],
        k => k[..14] + " " + k[14..],
        k => "\u200B" + k,
        k => k + "\u200D",
        k => k[..9] + "\u2060" + k[9..],
        k => "\uFEFF" + k,
        k => "Bearer " + k,
        k => "bearer  " + k,
        k => "\u00A0" + k + "\u00A0",
        k => k[..5] + "а" + k[6..], // Cyrillic a
        k => k + "é",
        k => "密" + k,
        k => k.Replace('-', '‐'), // a Unicode hyphen
        k => "{" + k + "}",
        k => "<" + k + ">",
        k => k + "\u0000",
        k => "${" + k + "}",
    ];

    private FakeProviderServer _openai = null!;
    private FakeProviderServer _anthropic = null!;
    private FakeProviderServer _gemini = null!;

    public async ValueTask InitializeAsync()
    {
        _openai = (await FakeProviderServer.StartAsync()).AsOpenAI();
        _anthropic = (await FakeProviderServer.StartAsync()).AsAnthropic();
        _gemini = (await FakeProviderServer.StartAsync()).AsGemini();
    }

    public async ValueTask DisposeAsync()
    {
        await _openai.DisposeAsync();
        await _anthropic.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    [Fact]
    public async Task DiagnoseJson_KeyWithHygieneDefects_AlwaysParsesAndNeverHoldsTheKey()
    {
        var providers = new[] { "openai", "anthropic", "gemini" };
        var gen = Gen.Select(
            Gen.Int[0, providers.Length - 1],
            Gen.Int[0, Defects.Length - 1].Array[1, 3],
            Gen.Int[0, int.MaxValue],
            Gen.Bool);

        await gen.SampleAsync(async sample =>
        {
            var (p, defects, seed, viaStdin) = sample;
            var provider = providers[p];
            var key = TestKeys.For(provider, new Random(seed));
            var raw = defects.Aggregate(key, (k, d) => Defects[d](k));
            var env = new Dictionary<string, string>
            {
                ["OPENAI_BASE_URL"] = _openai.BaseUrl.ToString(),
                ["ANTHROPIC_BASE_URL"] = _anthropic.BaseUrl.ToString(),
                ["GEMINI_BASE_URL"] = _gemini.BaseUrl.ToString(),
            };
            if (!viaStdin)
            {
                env[provider.ToUpperInvariant() + "_API_KEY"] = raw;
            }

            var result = await CliHarness.RunAsync(
                viaStdin ? ["diagnose", provider, "--json", "--key-stdin"] : ["diagnose", provider, "--json"],
                env,
                stdin: viaStdin ? raw : "");

            Assert.True(result.ExitCode is 0 or 1, $"exit code {result.ExitCode}");
            using var json = JsonDocument.Parse(result.Out); // throws on invalid JSON: the property
            Assert.Equal(provider, json.RootElement.GetProperty("providers")[0].GetProperty("provider").GetString());
            LeakAssertAnyForm.NoSecret(result.All, key);
            LeakAssert.NoSecret(result.All, key);
            return true;
        }, iter: 60, threads: 1);
    }

    [Fact]
    public async Task DiagnoseJson_QuotedKey_KeyFieldIsAString()
    {
        var key = TestKeys.Anthropic();
        var env = new Dictionary<string, string>
        {
            ["ANTHROPIC_BASE_URL"] = _anthropic.BaseUrl.ToString(),
            ["ANTHROPIC_API_KEY"] = "\"" + key + "\"",
        };

        var result = await CliHarness.RunAsync(["diagnose", "anthropic", "--json"], env);

        using var json = JsonDocument.Parse(result.Out);
        var provider = json.RootElement.GetProperty("providers")[0];
        Assert.Equal("key.quoted", provider.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.String, provider.GetProperty("key").ValueKind);
        LeakAssert.NoSecret(result.All, key);
    }
}
