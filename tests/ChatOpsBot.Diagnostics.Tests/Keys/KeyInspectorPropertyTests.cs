using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using CsCheck;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

public sealed class KeyInspectorPropertyTests
{
    private static readonly string[] Decorations =
    [
        "{0}", "{0}\n", " {0} ", "\"{0}\"", "'{0}'\r\n", "Bearer {0}", "Authorization: Bearer {0}\n", "\uFEFF{0}\u200B",
        "\u201C{0}\u201D", "x-api-key: {0}", "`{0}`",
    ];

    public static TheoryData<string> FormatNames => [.. FakeKeys.Formats.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Inspect_AnyDecoratedKeyForAnyProvider_FindingsNeverHoldTheKey(string name)
    {
        var format = FakeKeys.Formats.Single(f => f.Name == name);
        Gen.Select(format.Gen, Gen.Int[0, Decorations.Length - 1], Gen.Int[0, 2], Gen.Int[0, 4])
            .Sample(t =>
            {
                var (key, decoration, provider, source) = t;
                var raw = string.Format(System.Globalization.CultureInfo.InvariantCulture, Decorations[decoration], key);

                var inspection = KeyInspector.Inspect(raw, (ProviderId)provider, (KeySource)source, "SOME_KEY");

                KeyWindowAssert.NoSecretIn(inspection, key, format.Prefix);
                Assert.NotEmpty(inspection.Findings);
                if (inspection.UsableKey is not null)
                {
                    Assert.Equal(key, inspection.UsableKey);
                }
            }, iter: 500);
    }

    [Fact]
    public void Inspect_RandomStrings_NeverThrowsAndAlwaysAnswers()
    {
        Gen.String.Sample(raw =>
        {
            var inspection = KeyInspector.Inspect(raw, ProviderId.OpenAI, KeySource.Chat, null);

            Assert.NotEmpty(inspection.Findings);
            Assert.All(inspection.Findings, f => Assert.Equal(DiagnosticStage.Key, f.Stage));
            if (inspection.UsableKey is { } usable)
            {
                Assert.DoesNotContain(usable, c => c is < '!' or > '~');
            }
        }, iter: 5000);
    }
}
