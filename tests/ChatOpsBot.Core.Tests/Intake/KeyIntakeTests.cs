using ChatOpsBot.Core.Intake;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Core.Tests.Intake;

public sealed class KeyIntakeTests
{
    [Fact]
    public void Scan_KeysOfEachShape_ProviderInferred()
    {
        var openai = TestKeys.OpenAIProject();
        var anthropic = TestKeys.Anthropic();
        var gemini = TestKeys.Gemini();

        var scan = KeyIntake.Scan($"mine: {openai}\nand \"{anthropic}\", also `{gemini}`.");

        Assert.Equal([ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini], scan.Keys.Select(k => k.Provider!.Value));
        Assert.Equal([openai, anthropic, gemini], scan.Keys.Select(k => k.Value));
        Assert.Null(scan.NamedProvider);
    }

    [Fact]
    public void Scan_NamedProvider_IsFound()
    {
        var scan = KeyIntake.Scan($"gemini {TestKeys.Gemini()}");

        Assert.Equal(ProviderId.Gemini, scan.NamedProvider);
        Assert.Single(scan.Keys);
    }

    [Fact]
    public void Scan_KeyAfterOptionOrVariableName_IsFound()
    {
        var key = TestKeys.OpenAILegacy();

        Assert.Equal(key, Assert.Single(KeyIntake.Scan($"key:{key}").Keys).Value);
        Assert.Equal(key, Assert.Single(KeyIntake.Scan($"OPENAI_API_KEY={key}").Keys).Value);
    }

    [Fact]
    public void Scan_OtherPlatformsTokens_AreSecretsWithoutProvider()
    {
        var scan = KeyIntake.Scan("ghp_" + new string('a', 36) + " and 123456789:" + new string('B', 35));

        Assert.Equal(2, scan.Keys.Count);
        Assert.All(scan.Keys, k => Assert.Null(k.Provider));
        Assert.Equal(KeyPlatform.GitHubToken, scan.Keys[0].Shape.Platform);
        Assert.Equal(KeyPlatform.TelegramBotToken, scan.Keys[1].Shape.Platform);
    }

    [Theory]
    [InlineData("sk-proj-…a1b2", "sk-proj-…a1b2")]
    [InlineData("sk-proj-...a1b2", "sk-proj-…a1b2")]
    [InlineData("sk-proj-****a1b2", "sk-proj-…a1b2")]
    [InlineData("AIza…x1y2", "AIza…x1y2")]
    public void Scan_MaskedKey_IsNormalisedNotAKey(string text, string form)
    {
        var scan = KeyIntake.Scan($"please check {text}");

        Assert.Empty(scan.Keys);
        Assert.Equal([form], scan.MaskedForms);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("sk-")]
    [InlineData("the sk-learn package")]
    [InlineData("wait... what")]
    public void Scan_OrdinaryText_FindsNothing(string text)
    {
        var scan = KeyIntake.Scan(text);

        Assert.Empty(scan.Keys);
        Assert.Empty(scan.MaskedForms);
    }

    [Theory]
    [InlineData("build Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A failed")]
    [InlineData("the hash is 9dd4e461268c8034f5c8564e155c67a6.")]
    [InlineData("commit NqVwYS81VP7Hb1DX8pPd5khxE3pyIgKpaUnArl63 and 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")]
    public void Scan_BareShapeInOrdinaryText_IsNoKey(string text)
    {
        var scan = KeyIntake.Scan(text);

        Assert.Empty(scan.Keys);
        Assert.Null(scan.NamedProvider);
        Assert.False(KeyIntake.LooksLikeKey("Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A"));
    }

    [Theory]
    [InlineData("mistral", "Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A", ProviderId.Mistral, new[] { KeyPlatform.Mistral })]
    [InlineData("azure", "9dd4e461268c8034f5c8564e155c67a6", ProviderId.AzureOpenAI, new[] { KeyPlatform.Mistral, KeyPlatform.AzureOpenAI })]
    [InlineData("cohere", "NqVwYS81VP7Hb1DX8pPd5khxE3pyIgKpaUnArl63", ProviderId.Cohere, new[] { KeyPlatform.Cohere })]
    [InlineData("openai", "9dd4e461268c8034f5c8564e155c67a6", ProviderId.OpenAI, new[] { KeyPlatform.Mistral, KeyPlatform.AzureOpenAI })]
    public void Scan_BareShapeAfterAProviderName_IsAKeyOfNoProviderByItself(string name, string key, ProviderId named, KeyPlatform[] couldBe)
    {
        var scan = KeyIntake.Scan($"{name} {key}");

        Assert.Equal(named, scan.NamedProvider);
        var found = Assert.Single(scan.Keys);
        Assert.Equal(key, found.Value);
        Assert.Null(found.Provider); // the shape names none: the provider named in words decides
        Assert.Equal(couldBe, found.Shape.CouldBe);
        LeakAssert.NoSecret(found.ToString(), key);
    }

    [Fact]
    public void Scan_4000CharsOfKeys_FindsEveryOne_ToStringShowsNone()
    {
        var random = new Random(42);
        var keys = new List<string>();
        var text = new System.Text.StringBuilder();
        while (text.Length < 3800)
        {
            var key = (keys.Count % 3) switch { 0 => TestKeys.Gemini(random), 1 => TestKeys.OpenAILegacy(random), _ => TestKeys.Anthropic(random) };
            keys.Add(key);
            text.Append(key).Append(keys.Count % 2 == 0 ? ", " : "\n");
        }

        var scan = KeyIntake.Scan(text.ToString());

        Assert.Equal(keys, scan.Keys.Select(k => k.Value));
        LeakAssert.NoSecret(string.Join(" ", scan.Keys.Select(k => k.ToString())), [.. keys]);
        LeakAssert.NoSecret(scan.ToString(), [.. keys]);
    }
}
