using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>The network data files embedded in this assembly (Data/*.json), read once.</summary>
public static class ProviderNetworkData
{
    private static readonly Lazy<FrozenDictionary<ProviderId, SupportedCountries>> Countries = new(LoadCountries);
    private static readonly Lazy<FrozenDictionary<ProviderId, ExpectedIssuers>> Issuers = new(LoadIssuers);

    public static SupportedCountries? SupportedCountriesOf(ProviderId provider) =>
        Countries.Value.TryGetValue(provider, out var c) ? c : null;

    public static ExpectedIssuers? IssuersOf(ProviderId provider) =>
        Issuers.Value.TryGetValue(provider, out var i) ? i : null;

    private static FrozenDictionary<ProviderId, SupportedCountries> LoadCountries()
    {
        var result = new Dictionary<ProviderId, SupportedCountries>();
        foreach (var (id, node) in Providers("supported-countries.json"))
        {
            result[id] = ReadCountries(id, node);
        }

        return result.ToFrozenDictionary();
    }

    /// <summary>
    /// One provider's entry: the complete dated <c>snapshot</c> and the <c>newer_additions_partial</c> seen since.
    /// The file's own counts are checked, so a list cut short while refreshing fails loudly instead of judging wrong.
    /// </summary>
    private static SupportedCountries ReadCountries(ProviderId id, JsonObject node)
    {
        var snapshot = node["snapshot"] as JsonObject ?? throw Bad(id, "has no snapshot");
        var codes = CountryCodes(id, snapshot["codes"] as JsonArray ?? throw Bad(id, "has no snapshot.codes"));
        if ((int?)snapshot["count"] != codes.Count)
        {
            throw Bad(id, $"lists {codes.Count} snapshot codes but says count {(int?)snapshot["count"]}");
        }

        var newer = node["newer_additions_partial"] as JsonObject;
        var added = newer?["codes"] is JsonArray n ? CountryCodes(id, n) : FrozenSet<string>.Empty;
        if (newer is not null && (int?)newer["count"] != added.Count)
        {
            throw Bad(id, $"lists {added.Count} newer additions but says count {(int?)newer["count"]}");
        }

        var asOf = (string?)snapshot["as_of_date"];
        if (!IsDate(asOf))
        {
            throw Bad(id, "has no snapshot.as_of_date (yyyy-MM-dd)");
        }

        var retrieved = (string?)node["retrieved"] ?? "";
        return new SupportedCountries(
            codes,
            added,
            FirstUrl((string?)node["source"] ?? ""),
            retrieved.Length >= 10 && IsDate(retrieved[..10]) ? retrieved[..10] : retrieved,
            asOf!);
    }

    private static FrozenSet<string> CountryCodes(ProviderId id, JsonArray array)
    {
        var codes = Codes(array).ToList();
        if (codes.FirstOrDefault(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)) is { } wrong)
        {
            throw Bad(id, $"has '{wrong}', not an ISO 3166-1 alpha-2 code");
        }

        var set = codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        return set.Count == codes.Count ? set : throw Bad(id, "lists a code twice");
    }

    private static bool IsDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The list's page: the first https URL of the source text (the rest names mirrors and former addresses).</summary>
    private static string FirstUrl(string source)
    {
        var start = source.IndexOf("https://", StringComparison.Ordinal);
        if (start < 0)
        {
            return source;
        }

        var end = source.IndexOfAny([' ', ';', ',', ')'], start);
        return end < 0 ? source[start..] : source[start..end];
    }

    private static InvalidDataException Bad(ProviderId id, string what) =>
        new($"Data/supported-countries.json: {id.DisplayName()} {what}.");

    private static FrozenDictionary<ProviderId, ExpectedIssuers> LoadIssuers()
    {
        var result = new Dictionary<ProviderId, ExpectedIssuers>();
        foreach (var (id, node) in Providers("tls-issuers.json"))
        {
            result[id] = new ExpectedIssuers(
                node["hosts"] is JsonArray h ? [.. Codes(h)] : [],
                node["organizations"] is JsonArray o ? [.. Codes(o)] : [],
                (string?)node["source"] ?? "",
                (string?)node["retrieved"] ?? "");
        }

        return result.ToFrozenDictionary();
    }

    private static IEnumerable<string> Codes(JsonArray array) => array.Select(n => (string?)n).OfType<string>();

    private static IEnumerable<(ProviderId Id, JsonObject Node)> Providers(string file)
    {
        var assembly = typeof(ProviderNetworkData).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        var root = JsonNode.Parse(stream)!;
        foreach (var (key, value) in root["providers"]!.AsObject())
        {
            if (value is JsonObject node && ProviderIdParse(key) is { } id)
            {
                yield return (id, node);
            }
        }
    }

    private static ProviderId? ProviderIdParse(string key) => ProviderRegistry.FindByWire(key)?.Id;
}
