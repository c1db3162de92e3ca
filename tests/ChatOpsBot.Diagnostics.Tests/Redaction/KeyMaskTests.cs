using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Redaction;
using ChatOpsBot.Diagnostics.Tests.Keys;
using CsCheck;

namespace ChatOpsBot.Diagnostics.Tests.Redaction;

public sealed class KeyMaskTests
{
    [Theory]
    [InlineData("openai-project", "a1b2", "sk-proj-…a1b2")]
    [InlineData("google", "x1y2", "AIza…x1y2")]
    [InlineData("openai-legacy", "wxyz", "sk-…wxyz")]
    [InlineData("openrouter", "9f0e", "sk-or-v1-…9f0e")]
    [InlineData("groq", "WXYZ", "gsk_…WXYZ")]
    [InlineData("telegram", "abcd", "…abcd")]
    [InlineData("discord", "abcd", "…abcd")]
    public void Show_KnownShape_PrefixEllipsisLastFour(string name, string lastFour, string expected) =>
        Assert.Equal(expected, KeyMask.Show(FakeKeys.EndingWith(name, lastFour)));

    [Fact]
    public void Show_AnthropicShape_KeepsVersionedPrefix() =>
        Assert.Equal("sk-ant-api03-…abcd", KeyMask.Show("sk-ant-api03-" + new string('Q', 40) + "abcd"));

    [Theory]
    [InlineData("some-opaque-gateway-token-abcd", "…abcd")]
    [InlineData("elevenchars", "…")]
    [InlineData("", "…")]
    [InlineData("sk-proj-abcd", "sk-proj-…")]
    [InlineData("AIzaSyShort12", "AIza…")]
    [InlineData("  some-opaque-gateway-token-abcd\n", "…abcd")]
    public void Show_UnknownShortOrPadded_RevealsLittleOrNothing(string key, string expected) =>
        Assert.Equal(expected, KeyMask.Show(key));

    [Theory]
    [InlineData("r8_", "r8_…")] // found by the property below (seed bNcPdSPzKYr1): a short key lost its prefix
    [InlineData("r8_ab", "r8_…")]
    [InlineData("sk-", "sk-…")]
    [InlineData("abc", "…")]
    public void Show_ShortKey_ShowsItsPublicPrefixAndNothingElse(string key, string expected) =>
        Assert.Equal(expected, KeyMask.Show(key));

    [Fact]
    public void Show_AnyString_NeverMoreThanFourCharactersBeyondThePublicPrefix()
    {
        Gen.String.Sample(key =>
        {
            var shown = KeyMask.Show(key);
            var prefix = KeyShapes.Identify(KeyMask.TrimInvisible(key)).Prefix;

            Assert.StartsWith(prefix + KeyMask.Ellipsis, shown, StringComparison.Ordinal);
            Assert.True(shown.Length - prefix.Length - 1 <= 4, shown);
        }, iter: 20_000);
    }

    [Fact]
    public void Show_EveryFakeFormat_NeverMoreThanFourSecretCharacters()
    {
        foreach (var format in FakeKeys.Formats)
        {
            format.Gen.Sample(key =>
            {
                var shown = KeyMask.Show(key);

                Assert.Equal(format.Prefix + KeyMask.Ellipsis + key[^4..], shown);
                KeyWindowAssert.NoSecretIn(shown, key, format.Prefix);
            }, iter: 200);
        }
    }

    [Fact]
    public void Fingerprint_KnownInput_FirstEightHexOfSha256() =>
        Assert.Equal("ba7816bf", KeyMask.Fingerprint("abc"));

    [Fact]
    public void Fingerprint_AnyKey_EightLowercaseHexAndStable()
    {
        Gen.String.Sample(key =>
        {
            var fingerprint = KeyMask.Fingerprint(key);

            Assert.Matches("^[0-9a-f]{8}$", fingerprint);
            Assert.Equal(fingerprint, KeyMask.Fingerprint(key));
        }, iter: 1000);
    }
}
