using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>Where a provider serves its API, from <c>Data/supported-countries.json</c>.</summary>
/// <param name="Snapshot">The provider's whole published list as it stood on <paramref name="AsOf"/>.</param>
/// <param name="NewerAdditions">Codes seen only in later revisions of the list, which could be read only in part.</param>
/// <param name="Source">The page the list comes from (its URL).</param>
/// <param name="Retrieved">When the copies were read (yyyy-MM-dd).</param>
/// <param name="AsOf">The day the complete list is known to have stood as in <paramref name="Snapshot"/> (yyyy-MM-dd).</param>
public sealed record SupportedCountries(
    FrozenSet<string> Snapshot, FrozenSet<string> NewerAdditions, string Source, string Retrieved, string AsOf)
{
    /// <summary>Snapshot and newer additions together: the best estimate of the list today.</summary>
    public int Count => Snapshot.Count + NewerAdditions.Count(c => !Snapshot.Contains(c));

    /// <summary>
    /// True when the country is on the list (the complete snapshot or a newer addition). False means "not on the
    /// list as of <see cref="AsOf"/>", not proof: a later revision, read only in part, may have added it.
    /// </summary>
    public bool Serves(string country) => Listing(country) != CountryListing.NotListed;

    /// <summary>Where the country stands on the provider's list.</summary>
    public CountryListing Listing(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (Snapshot.Contains(country))
        {
            return CountryListing.Snapshot;
        }

        return NewerAdditions.Contains(country) ? CountryListing.NewerAddition : CountryListing.NotListed;
    }
}
