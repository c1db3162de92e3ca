using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

/// <summary>
/// Every known key shape given to every registered provider (issue: "Bad input"): a key of another platform is
/// <c>key.wrong_platform</c> naming that platform's key and, where it is a registered provider, telling to diagnose it
/// there; a provider's own key never is. Shapes come from <see cref="FakeKeys"/> and from every registered provider's
/// rules, so providers registered later join the table by themselves. A shape several providers share, or one with no
/// prefix, names the providers it could be and claims none.
/// </summary>
public sealed class WrongPlatformTableTests
{
    private static readonly string[] SubscriptionPrefixes = ["sk-ant-oat01-", "sk-ant-ort01-", "sk-ant-sid01-"];

    /// <summary>One well-formed key of every recognisable, non-admin shape: name, key.</summary>
    private static IEnumerable<(string Name, string Key)> Shapes()
    {
        foreach (var format in FakeKeys.Formats.Where(f => !f.IsAdmin))
        {
            yield return (format.Name, format.Make(new Random(7)));
        }

        foreach (var rule in ProviderRegistry.Descriptors.SelectMany(d => d.KeyShapes).Where(r => !r.Shape.IsAdminKey && r.Prefix.Length > 0))
        {
            var alphabet = new string([.. (FakeKeys.Base64Url + ".").Where(c => KeyShapes.IsBodyChar(c, rule.Body))]);
            var suffix = rule.Suffix ?? "";
            var random = new Random(11);
            var key = rule.Prefix + new string([.. Enumerable.Range(0, rule.MinBody - suffix.Length).Select(_ => alphabet[random.Next(alphabet.Length)])]) + suffix;
            if (KeyShapes.Match(key) is { IsWellFormed: true } match && match.Shape == rule.Shape)
            {
                yield return (rule.Shape.Kind, key);
            }
        }
    }

    public static TheoryData<string, string, string> Table()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, key) in Shapes())
        {
            foreach (var d in ProviderRegistry.Descriptors)
            {
                data.Add(name, key, d.Wire);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void EveryShape_GivenToEveryProvider(string name, string key, string wire)
    {
        var provider = ProviderRegistry.FindByWire(wire)!;
        var shape = KeyShapes.Identify(key);

        var inspection = KeyInspector.Inspect(key, provider.Id, KeySource.Environment, "TEST_KEY");

        var wrong = inspection.Findings.Where(f => f.Code == VerdictCodes.KeyWrongPlatform).ToList();
        if (shape.Platform == provider.KeyPlatform)
        {
            if (!SubscriptionPrefixes.Contains(shape.Prefix))
            {
                Assert.Empty(wrong); // its own key
            }

            return;
        }

        var finding = Assert.Single(wrong);
        Assert.Contains(shape.Kind, finding.Detail, StringComparison.Ordinal);
        Assert.Contains(provider.DisplayName, finding.Detail, StringComparison.Ordinal);
        Assert.Equal(shape.Platform.DisplayName(), finding.Evidence["key_platform"]!.GetValue<string>());
        var gatewayHint = provider.KeyPlatform == KeyPlatform.Unknown && shape.Platform.IsAiProvider();
        Assert.Equal(gatewayHint ? Severity.Warn : Severity.Error, finding.Severity);
        if (ProviderRegistry.FindByKeyPlatform(shape.Platform) is { } owner)
        {
            Assert.Contains(finding.NextSteps, s => s.Contains($"chatopsbot diagnose {owner.Wire}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(key, finding.Detail + string.Join(" ", finding.NextSteps) + finding.Evidence.ToJsonString(), StringComparison.Ordinal);
        _ = name;
    }

    [Fact]
    public void Table_CoversEveryRegisteredProvidersShapes()
    {
        var platforms = Shapes().Select(s => KeyShapes.Identify(s.Key).Platform).ToHashSet();

        Assert.All(ProviderRegistry.Descriptors.Where(d => d.KeyShapes.Any(r => r.Prefix.Length > 0)), d => Assert.Contains(d.KeyPlatform, platforms));
    }

    private static readonly KeyShapeRule BareMistral = KeyShapeRule.Whole("", KeyPlatform.Mistral, "Mistral API key", 32, KeyBodyClass.Alphanumeric);
    private static readonly KeyShapeRule BareOther = KeyShapeRule.For("", KeyPlatform.Perplexity, "made-up bare key", 32, 32, KeyBodyClass.Alphanumeric);
    private const string ThirtyTwo = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f";

    [Fact]
    public void SharedBareShape_NamesEveryPlatformItCouldBe_ClaimsNone()
    {
        var whole = KeyShapes.Aggregate([BareMistral, BareOther], wholeOnly: true);

        var shape = KeyShapes.Whole(ThirtyTwo, whole)!;

        Assert.Equal(KeyPlatform.Unknown, shape.Platform);
        Assert.Equal([KeyPlatform.Mistral, KeyPlatform.Perplexity], shape.CouldBe);
        Assert.Contains("Mistral API key or made-up bare key", shape.Kind, StringComparison.Ordinal);
        Assert.Empty(KeyShapes.Aggregate([BareMistral, BareOther], wholeOnly: false)); // no prefix: never a prefix rule
    }

    [Fact]
    public void OneBareShape_StillOnlyCouldBe()
    {
        var shape = KeyShapes.Whole(ThirtyTwo, KeyShapes.Aggregate([BareMistral], wholeOnly: true))!;

        Assert.Equal(KeyPlatform.Unknown, shape.Platform);
        Assert.Equal([KeyPlatform.Mistral], shape.CouldBe);
        Assert.Null(KeyShapes.Whole(ThirtyTwo + "x", KeyShapes.Aggregate([BareMistral], wholeOnly: true)));
    }

    [Fact]
    public void OnePrefixedWholeShape_ClaimsItsPlatform()
    {
        var rules = KeyShapes.Aggregate([KeyShapeRule.Whole("sk-", KeyPlatform.DeepSeek, "DeepSeek API key", 32, KeyBodyClass.LowerHex)], wholeOnly: true);

        Assert.Equal(KeyPlatform.DeepSeek, KeyShapes.Whole("sk-" + new string('a', 32), rules)!.Platform);
    }

    [Fact]
    public void CouldBe_GivenToAnotherProvider_WarnsNamingThem()
    {
        var shape = KeyShapes.Whole(ThirtyTwo, KeyShapes.Aggregate([BareMistral, BareOther], wholeOnly: true))!;

        var finding = KeyInspector.CouldBe(shape, ProviderId.Anthropic, [])!;

        Assert.Equal(VerdictCodes.KeyWrongPlatform, finding.Code);
        Assert.Equal(Severity.Warn, finding.Severity);
        Assert.Contains("Mistral or Perplexity", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("Anthropic", finding.Detail, StringComparison.Ordinal);
        Assert.Equal("[\"Mistral\",\"Perplexity\"]", finding.Evidence["could_be"]!.ToJsonString());
    }

    [Fact]
    public void CouldBe_GivenToOneOfThem_IsFine()
    {
        var shape = new KeyShape(KeyPlatform.Unknown, "key shaped like an OpenAI or Mistral key", "", false) { CouldBe = [KeyPlatform.OpenAI, KeyPlatform.Mistral] };

        Assert.Null(KeyInspector.CouldBe(shape, ProviderId.OpenAI, new JsonObject()));
    }
}
