using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.NextSteps;
using ChatOpsBot.Diagnostics.Providers;
using ChatOpsBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Diagnostics.Tests.Providers;

/// <summary>What every registered provider must bring: the checks a new provider's folder has to pass.</summary>
public sealed class ProviderRegistryTests
{
    public static TheoryData<string> Providers() => [.. ProviderFixture.Providers];

    private static IReadOnlyList<ProviderDescriptor> All => ProviderRegistry.Descriptors;

    [Fact]
    public void Descriptors_NamesVariablesAndSettings_AreUnique()
    {
        var names = All.SelectMany(d => d.Names).Select(n => n.ToLowerInvariant()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain("all", names);
        Assert.DoesNotContain("midjourney", names);
        Assert.Equal(All.Count, All.Select(d => d.Id).Distinct().Count());
        Assert.Equal(All.Count, All.Select(d => d.DisplayName).Distinct().Count());
        Assert.Equal(All.Count, All.Select(d => d.SettingsName.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(All.Count, All.Select(d => d.BaseUrlVariable).Distinct().Count());
        var keyVariables = All.SelectMany(d => d.KeyVariables).ToList();
        Assert.Equal(keyVariables.Count, keyVariables.Distinct().Count());
    }

    [Fact]
    public void Registry_HoldsEveryProviderIdButMidjourney_InTheCatalogsOrder()
    {
        var ids = Enum.GetValues<ProviderId>().Where(id => id != ProviderId.Midjourney);
        Assert.Equal(ids.Order(), All.Select(d => d.Id).Order());
        Assert.Equal(ProviderCatalog.All, All.Select(d => d.Id));
        Assert.All(ProviderRegistry.Definitions, d => Assert.Equal(d.Id, d.Descriptor.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Descriptor_NamesAndVariables_AreWellFormed(string wire)
    {
        var d = ProviderRegistry.FindByWire(wire)!;

        Assert.Matches("^[a-z][a-z0-9-]*$", d.Wire);
        Assert.All(d.Aliases, a => Assert.Matches("^[a-z][a-z0-9-]*$", a));
        Assert.Matches("^[A-Z][A-Za-z]*$", d.SettingsName);
        Assert.NotEmpty(d.KeyVariables);
        Assert.All(d.KeyVariables.Append(d.BaseUrlVariable), v => Assert.Matches("^[A-Z][A-Z0-9_]*$", v));
        Assert.True(d.DefaultBaseUrl is null || d.DefaultBaseUrl.Scheme == Uri.UriSchemeHttps);
        Assert.True(d.TraceUrl is null || d.TraceUrl.Scheme == Uri.UriSchemeHttps);
        Assert.Same(d, ProviderRegistry.FindByName(wire.ToUpperInvariant()));
        Assert.All(d.Aliases, a => Assert.Same(d, ProviderRegistry.FindByName(a)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Descriptor_KeyShapes_HaveAHintAndRulesOfItsPlatform(string wire)
    {
        var d = ProviderRegistry.FindByWire(wire)!;

        Assert.False(string.IsNullOrWhiteSpace(d.KeyHint));
        Assert.All(d.KeyShapes, r =>
        {
            if (d.KeyPlatform == KeyPlatform.Unknown && r.Prefix.Length == 0)
            {
                // Keys of any shape taken (Mistral, Cohere, Azure OpenAI), but the bare shape its keys have declared: of
                // a platform of its own, found back to it, so that a key of that shape elsewhere can name it.
                Assert.NotEqual(KeyPlatform.Unknown, r.Shape.Platform);
                Assert.Same(d, ProviderRegistry.FindByKeyPlatform(r.Shape.Platform));
            }
            else
            {
                Assert.Equal(d.KeyPlatform, r.Shape.Platform);
            }
        });
        if (d.KeyPlatform != KeyPlatform.Unknown)
        {
            Assert.NotEmpty(d.KeyShapes);
            Assert.Contains(KeyShapes.Rules.Concat(KeyShapes.WholeRules), r => r.Shape.Platform == d.KeyPlatform);
        }
    }

    [Fact]
    public void KeyShapes_NoRuleIsHiddenByAnEarlierOne()
    {
        var rules = KeyShapes.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                Assert.False(rules[j].Prefix.StartsWith(rules[i].Prefix, StringComparison.Ordinal),
                    $"{rules[j].Prefix} comes after {rules[i].Prefix}, which takes every key it would");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Descriptor_NextSteps_CoverEveryCodeWithItsOwnPages(string wire)
    {
        var d = ProviderRegistry.FindByWire(wire)!;
        var table = NextStepsCatalog.TableOf(d.Id);

        Assert.NotEqual(ProviderPages.Generic, d.Pages);
        Assert.All(d.NextStepsOverrides.Keys, code => Assert.Contains(code, NextStepsCatalog.Codes));
        Assert.All(NextStepsCatalog.Codes, code =>
        {
            Assert.True(table.TryGetValue(code, out var entry), $"{code} has no next steps for {wire}");
            Assert.False(string.IsNullOrWhiteSpace(entry.Title));
            if (code is not (VerdictCodes.Ok or VerdictCodes.InfoRoute or VerdictCodes.InfoSkipped or VerdictCodes.InfoStatusPage))
            {
                Assert.NotEmpty(entry.Steps);
            }
        });
        Assert.Contains(d.Pages.Keys, NextStepsCatalog.For(VerdictCodes.AuthInvalidKey, d.Id).Steps[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Provider_HasRecordedAnswers_IncludingAModelListSuccess(string wire)
    {
        var names = ProviderFixture.Names(wire);

        Assert.NotEmpty(names);
        Assert.Contains("models-list-ok", names);
        Assert.All(ProviderFixture.All(wire), f => Assert.Equal(wire, f.Provider));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TestKeys_FromShape_MakesAKeyOfTheProvidersPlatform(string wire)
    {
        var d = ProviderRegistry.FindByWire(wire)!;

        var key = TestKeys.FromShape(wire);

        Assert.Equal(d.KeyPlatform, KeyShapes.Identify(key).Platform);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Provider_LivesInItsOwnFolder(string wire)
    {
        var definition = ProviderRegistry.Definitions.Single(d => d.Descriptor.Wire == wire);

        Assert.StartsWith("ChatOpsBot.Diagnostics.Providers.", definition.GetType().Namespace, StringComparison.Ordinal);
        Assert.True(Directory.Exists(ProviderFixture.FolderOf(wire)));
    }

    [Fact]
    public void AddDiagnostics_RegistersEveryProviderOnce()
    {
        using var provider = new ServiceCollection().AddLogging().AddDiagnostics().BuildServiceProvider();

        var definitions = provider.GetServices<IProviderDefinition>().ToList();

        Assert.Equal(ProviderCatalog.All, definitions.Select(d => d.Id));
    }

    [Fact]
    public void RecordedAnswers_AreNotPartOfTheProduct()
    {
        var assembly = typeof(ProviderRegistry).Assembly;

        Assert.DoesNotContain(assembly.GetManifestResourceNames(), n => n.Contains("Recorded", StringComparison.OrdinalIgnoreCase));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(assembly.Location)!, "Providers")));
    }
}
