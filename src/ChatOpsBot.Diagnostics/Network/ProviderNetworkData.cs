using System.Collections.Frozen;
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
            var countries = node["countries"] is JsonArray list ? Codes(list).ToFrozenSet(StringComparer.OrdinalIgnoreCase) : null;
            var notListed = node["not_listed"] is JsonArray absent ? Codes(absent).ToFrozenSet(StringComparer.OrdinalIgnoreCase) : FrozenSet<string>.Empty;
            result[id] = new SupportedCountries(countries, notListed, (string?)node["source"] ?? "", (string?)node["retrieved"] ?? "");
        }

        return result.ToFrozenDictionary();
    }

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
