using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>Where a provider serves its API, from <c>Data/supported-countries.json</c>.</summary>
/// <param name="Countries">The provider's whole published list, or null when only part of it could be read.</param>
/// <param name="NotListed">Codes verified to be absent from the published list.</param>
/// <param name="Source">The page the list comes from.</param>
/// <param name="Retrieved">When it was read (yyyy-MM-dd).</param>
public sealed record SupportedCountries(
    FrozenSet<string>? Countries, FrozenSet<string> NotListed, string Source, string Retrieved)
{
    /// <summary>True: served; false: not served; null: the data on file cannot tell.</summary>
    public bool? Serves(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (NotListed.Contains(country))
        {
            return false;
        }

        return Countries?.Contains(country);
    }
}
