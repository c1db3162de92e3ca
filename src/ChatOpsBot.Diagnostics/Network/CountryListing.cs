namespace ChatOpsBot.Diagnostics.Network;

/// <summary>Where a country stands on a provider's supported-countries list (see <see cref="SupportedCountries"/>).</summary>
public enum CountryListing
{
    /// <summary>Absent from the complete list at its date (and from the newer additions seen since).</summary>
    NotListed,

    /// <summary>On the complete list at its date.</summary>
    Snapshot,

    /// <summary>Seen only in a later revision of the list, read in part.</summary>
    NewerAddition,
}
