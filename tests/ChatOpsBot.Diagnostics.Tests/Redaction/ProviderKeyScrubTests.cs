using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

/// <summary>
/// Every registered provider whose keys have a prefix: a key of that shape in free text is hidden even when nobody
/// registered it with the scrubber (a key pasted in a chat, echoed in an error, written in a log line).
/// </summary>
public sealed class ProviderKeyScrubTests
{
    public static TheoryData<string> PrefixedProviders =>
        [.. ProviderRegistry.Descriptors.Where(d => d.KeyShapes.Any(r => r.Shape.Prefix.Length > 0)).Select(d => d.Wire)];

    [Theory]
    [MemberData(nameof(PrefixedProviders))]
    public void Scrub_UnregisteredKeyOfEveryPrefixedProvider_IsHidden(string wire)
    {
        var key = TestKeys.FromShape(wire);

        var result = new SecretScrubber().Scrub($"the key {key} failed");

        Assert.DoesNotContain(key, result, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^12..], result, StringComparison.Ordinal);
    }
}
