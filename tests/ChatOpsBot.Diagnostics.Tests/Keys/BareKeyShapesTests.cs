using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

/// <summary>
/// The bare shapes registered providers declare (issue 14, "Bad input": a shape several providers share says which it
/// could be): Mistral 32 letters and digits, Azure OpenAI 32 hex or 84 letters and digits, Cohere 40 letters and
/// digits, Together's legacy 64 hex. None claims a key; given to another provider, a key of one is a warning naming
/// every provider it could be, and given to one of them it raises nothing.
/// </summary>
public sealed class BareKeyShapesTests
{
    private const string Alnum32 = "Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A";
    private const string Hex32 = "9dd4e461268c8034f5c8564e155c67a6";
    private const string Alnum40 = "NqVwYS81VP7Hb1DX8pPd5khxE3pyIgKpaUnArl63";
    private const string Hex64 = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
    private const string Alnum84 = "XykWZeiNNCiia3anXn9k3ksu9mI4ROnl89Sm995ytbxAk7jqevt0MLaMRTvetw0tESulEETldq8b8Vw2zbJY";

    [Theory]
    [InlineData(Alnum32, new[] { KeyPlatform.Mistral })]
    [InlineData(Hex32, new[] { KeyPlatform.Mistral, KeyPlatform.AzureOpenAI })]
    [InlineData(Alnum40, new[] { KeyPlatform.Cohere })]
    [InlineData(Hex64, new[] { KeyPlatform.Together })]
    [InlineData(Alnum84, new[] { KeyPlatform.AzureOpenAI })]
    public void BareShape_NamesWhatItCouldBe_ClaimsNone(string key, KeyPlatform[] couldBe)
    {
        var match = KeyShapes.Match(key);

        Assert.Equal(KeyPlatform.Unknown, match.Shape.Platform);
        Assert.Equal("", match.Shape.Prefix);
        Assert.Equal(couldBe, match.Shape.CouldBe);
        Assert.True(match.IsWellFormed);
    }

    [Theory]
    [InlineData(Alnum32 + "x")]
    [InlineData("Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0")]
    [InlineData("Zq3vT8kLm2Xp9Rw4Yb7Nc1Hd6Fg5Js0A-")]
    [InlineData(Hex64 + "0")]
    public void NearMiss_IsNoShapeAtAll(string key)
    {
        var shape = KeyShapes.Identify(key);

        Assert.Equal(KeyPlatform.Unknown, shape.Platform);
        Assert.Empty(shape.CouldBe);
    }

    [Theory]
    [InlineData(Hex32, "openai", "[\"Mistral\",\"Azure OpenAI\"]", "Mistral or Azure OpenAI")]
    [InlineData(Alnum32, "openai", "[\"Mistral\"]", "Mistral")]
    [InlineData(Alnum32, "anthropic", "[\"Mistral\"]", "Mistral")]
    [InlineData(Hex32, "together", "[\"Mistral\",\"Azure OpenAI\"]", "Mistral or Azure OpenAI")]
    [InlineData(Alnum40, "gemini", "[\"Cohere\"]", "Cohere")]
    [InlineData(Hex64, "openai", "[\"Together AI\"]", "Together AI")]
    [InlineData(Alnum84, "deepseek", "[\"Azure OpenAI\"]", "Azure OpenAI")]
    public void GivenToAnotherProvider_WarnsNamingWhatItCouldBe(string key, string wire, string couldBe, string named)
    {
        var provider = ProviderRegistry.FindByWire(wire)!;

        var inspection = KeyInspector.Inspect(key, provider.Id, KeySource.Environment, "TEST_KEY");

        Assert.Equal(key, inspection.UsableKey); // a warning: the provider's answer decides
        var finding = Assert.Single(inspection.Findings);
        Assert.Equal(VerdictCodes.KeyWrongPlatform, finding.Code);
        Assert.Equal(Severity.Warn, finding.Severity);
        Assert.Equal(couldBe, finding.Evidence["could_be"]!.ToJsonString());
        Assert.Contains($"fits a {named} key", finding.Detail, StringComparison.Ordinal);
        Assert.Contains(provider.DisplayName, finding.Detail, StringComparison.Ordinal);
        foreach (var owner in named.Split(" or ").Select(n => ProviderRegistry.Descriptors.Single(d => d.DisplayName == n)))
        {
            Assert.Contains(finding.NextSteps, s => s.Contains($"chatopsbot diagnose {owner.Wire}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(key, finding.Detail + string.Join(" ", finding.NextSteps) + finding.Evidence.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Alnum32, "mistral")]
    [InlineData(Hex32, "mistral")]
    [InlineData(Hex32, "azure-openai")]
    [InlineData(Alnum84, "azure-openai")]
    [InlineData(Alnum40, "cohere")]
    [InlineData(Hex64, "together")]
    [InlineData(Hex32, "openai-compatible")]
    public void GivenToItsOwnProvider_OrAGateway_RaisesNothing(string key, string wire)
    {
        var provider = ProviderRegistry.FindByWire(wire)!;

        var inspection = KeyInspector.Inspect(key, provider.Id, KeySource.Environment, "TEST_KEY");

        Assert.Equal(key, inspection.UsableKey);
        Assert.All(inspection.Findings, f => Assert.Equal(Severity.Ok, f.Severity));
    }

    [Fact]
    public void OtherPlatformRules_HoldNoFormatARegisteredProviderDeclares()
    {
        var declared = ProviderRegistry.Descriptors.SelectMany(d => d.KeyShapes).ToList();
        var platforms = ProviderRegistry.Descriptors.Select(d => d.KeyPlatform).Concat(declared.Select(r => r.Shape.Platform)).ToHashSet();

        Assert.All(OtherPlatformKeyShapes.Rules, r =>
        {
            Assert.DoesNotContain(declared, p => p.Prefix == r.Prefix);
            Assert.DoesNotContain(r.Shape.Platform, platforms);
        });
    }

    [Theory]
    [InlineData("sk-or-v1-", 64, 'a', KeyPlatform.OpenRouter)]
    [InlineData("xai-", 80, 'A', KeyPlatform.XAI)]
    [InlineData("gsk_", 52, 'A', KeyPlatform.Groq)]
    [InlineData("pplx-", 48, 'A', KeyPlatform.Perplexity)]
    [InlineData("sk-", 32, 'a', KeyPlatform.DeepSeek)]
    public void FormatsMovedToTheirProviders_AreStillNamed(string prefix, int body, char fill, KeyPlatform platform)
    {
        var match = KeyShapes.Match(prefix + new string(fill, body - 4) + "1b2c");

        Assert.Equal(platform, match.Shape.Platform);
        Assert.True(match.IsWellFormed);
    }
}
