using System.Text;

namespace ChatOpsBot.Diagnostics.Tests.Reports;

/// <summary>
/// Pins every title and step of <see cref="NextStepsCatalog"/>, byte for byte, for every code and every provider
/// (and none): the texts are what a user reads, and moving them between files must not change one character.
/// </summary>
public sealed class NextStepsCatalogGoldenTests
{
    private const string GoldenFile = "Reports/NextStepsCatalog.golden.txt";

    internal static string Dump()
    {
        var text = new StringBuilder();
        ProviderId?[] providers = [null, ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini, ProviderId.Midjourney];
        foreach (var code in NextStepsCatalog.Codes.Append("no.such_code"))
        {
            foreach (var provider in providers)
            {
                var entry = NextStepsCatalog.For(code, provider);
                text.Append("== ").Append(code).Append(" / ").Append(provider?.ToString() ?? "(none)").Append('\n');
                text.Append("title: ").Append(entry.Title).Append('\n');
                foreach (var step in entry.Steps)
                {
                    text.Append("- ").Append(step).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    [Fact]
    public void For_EveryCodeAndProvider_TextsAreUnchanged()
    {
        // CHATOPSBOT_NEXTSTEPS_GOLDEN_RECORD=<path of the golden file in the source tree> re-records it; read the diff.
        if (Environment.GetEnvironmentVariable("CHATOPSBOT_NEXTSTEPS_GOLDEN_RECORD") is { Length: > 0 } record)
        {
            File.WriteAllText(record, Dump(), new UTF8Encoding(false));
        }

        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, GoldenFile), Encoding.UTF8);

        Assert.Equal(golden, Dump());
    }
}
