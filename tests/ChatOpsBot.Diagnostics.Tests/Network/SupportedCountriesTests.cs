using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Network;

namespace ChatOpsBot.Diagnostics.Tests.Network;

/// <summary>The supported-countries data file as the egress stage reads it: dated snapshots plus newer additions.</summary>
public sealed class SupportedCountriesTests
{
    /// <summary>The embedded copy itself, read here without the loader, to hold the loader to the file's own counts.</summary>
    private static JsonObject DataFile()
    {
        var assembly = typeof(ProviderNetworkData).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".supported-countries.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonNode.Parse(stream)!["providers"]!.AsObject();
    }

    private static SupportedCountries Data(ProviderId provider) =>
        ProviderNetworkData.SupportedCountriesOf(provider) ?? throw new Xunit.Sdk.XunitException($"no list for {provider}");

    [Theory]
    [InlineData(ProviderId.OpenAI, "DE", CountryListing.Snapshot)] // was "not judged" while only A-Gh of the list could be read
    [InlineData(ProviderId.OpenAI, "UA", CountryListing.Snapshot)]
    [InlineData(ProviderId.OpenAI, "BM", CountryListing.NewerAddition)]
    [InlineData(ProviderId.OpenAI, "KY", CountryListing.NewerAddition)]
    [InlineData(ProviderId.OpenAI, "CN", CountryListing.NotListed)]
    [InlineData(ProviderId.OpenAI, "HK", CountryListing.NotListed)]
    [InlineData(ProviderId.OpenAI, "MO", CountryListing.NotListed)]
    [InlineData(ProviderId.OpenAI, "RU", CountryListing.NotListed)]
    [InlineData(ProviderId.OpenAI, "VE", CountryListing.NotListed)]
    [InlineData(ProviderId.Gemini, "TW", CountryListing.Snapshot)]
    [InlineData(ProviderId.Gemini, "XK", CountryListing.Snapshot)]
    [InlineData(ProviderId.Gemini, "AD", CountryListing.NewerAddition)]
    [InlineData(ProviderId.Gemini, "CU", CountryListing.NotListed)]
    [InlineData(ProviderId.Gemini, "MC", CountryListing.NotListed)] // Monaco: on OpenAI's and Anthropic's lists, not on Gemini's
    [InlineData(ProviderId.Anthropic, "US", CountryListing.Snapshot)]
    [InlineData(ProviderId.Anthropic, "NI", CountryListing.NewerAddition)]
    [InlineData(ProviderId.Anthropic, "ET", CountryListing.NewerAddition)]
    [InlineData(ProviderId.Anthropic, "CN", CountryListing.NotListed)]
    [InlineData(ProviderId.Anthropic, "RU", CountryListing.NotListed)]
    [InlineData(ProviderId.Anthropic, "HK", CountryListing.NotListed)]
    [InlineData(ProviderId.Anthropic, "YE", CountryListing.NotListed)]
    public void Listing_SnapshotNewerOrAbsent(ProviderId provider, string country, CountryListing expected)
    {
        var data = Data(provider);

        Assert.Equal(expected, data.Listing(country));
        Assert.Equal(expected != CountryListing.NotListed, data.Serves(country));
    }

    [Theory]
    [InlineData(ProviderId.OpenAI, 188, 8, 196, "2026-09-13", "https://developers.openai.com/api/docs/supported-countries")]
    [InlineData(ProviderId.Gemini, 222, 1, 223, "2025-11-19", "https://ai.google.dev/gemini-api/docs/available-regions")]
    [InlineData(ProviderId.Anthropic, 175, 5, 180, "2026-04-16", "https://www.anthropic.com/supported-countries")]
    public void Loaded_CountsDatesAndSource(ProviderId provider, int snapshot, int newer, int total, string asOf, string source)
    {
        var data = Data(provider);

        Assert.Equal(snapshot, data.Snapshot.Count);
        Assert.Equal(newer, data.NewerAdditions.Count);
        Assert.Equal(total, data.Count);
        Assert.Equal(asOf, data.AsOf);
        Assert.Equal(source, data.Source);
        Assert.Equal("2026-12-06", data.Retrieved);
        Assert.Empty(data.NewerAdditions.Intersect(data.Snapshot));
    }

    [Theory]
    [InlineData("openai", ProviderId.OpenAI)]
    [InlineData("gemini", ProviderId.Gemini)]
    [InlineData("anthropic", ProviderId.Anthropic)]
    public void Loaded_CountsEqualTheDataFile(string key, ProviderId provider)
    {
        var entry = DataFile()[key]!;
        var data = Data(provider);

        Assert.Equal((int)entry["snapshot"]!["count"]!, data.Snapshot.Count);
        Assert.Equal(entry["snapshot"]!["codes"]!.AsArray().Count, data.Snapshot.Count);
        Assert.Equal((int)entry["newer_additions_partial"]!["count"]!, data.NewerAdditions.Count);
        Assert.Equal((int)entry["best_estimate_count"]!, data.Count);
        Assert.True((bool)entry["snapshot"]!["complete"]!);
        Assert.StartsWith(data.Retrieved, (string?)entry["retrieved"], StringComparison.Ordinal);
        Assert.StartsWith(data.Source, (string?)entry["source"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)entry["as_of"]));
    }

    [Fact]
    public void DataFile_EveryProviderKeyNamesItsSourceAndDates()
    {
        foreach (var (key, value) in DataFile())
        {
            var entry = value!.AsObject();
            Assert.StartsWith("https://", (string?)entry["source"], StringComparison.Ordinal);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}", (string?)entry["retrieved"]);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string?)entry["snapshot"]!["as_of_date"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)entry["as_of"]), key);
        }
    }
}
