using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Cli;

/// <summary>
/// Which providers <c>diagnose all</c> diagnoses (docs/contract.md, Providers): every provider whose key variable is
/// set, in registry order; when none is, OpenAI, Anthropic and Gemini, each with <c>key.missing</c>. Read from the
/// descriptors only, so a newly registered provider joins by its own data.
/// </summary>
public static class AllProviders
{
    /// <summary>What <c>all</c> diagnoses when no provider's key variable is set (each then says <c>key.missing</c>).</summary>
    public static IReadOnlyList<ProviderId> WhenNoKeyIsSet => ProviderCatalog.Core;

    /// <summary>
    /// The providers of <c>all</c> among <paramref name="descriptors"/>. A provider joins when one of its key variables
    /// is set (even empty: that is worth a finding). One that needs a base URL joins on its key alone and its missing base
    /// URL becomes a finding, unless it declares <see cref="ProviderDescriptor.JoinsAllOnlyWithBaseUrl"/>: then its base
    /// URL variable (or setting) must be set too.
    /// </summary>
    public static IReadOnlyList<ProviderId> Select(IEnumerable<ProviderDescriptor> descriptors, Func<string, string?> environment, ProviderBaseUrls configured)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configured);
        var selected = descriptors
            .Where(d => d.KeyVariables.Any(v => environment(v) is not null))
            .Where(d => !d.JoinsAllOnlyWithBaseUrl || HasBaseUrl(d, environment, configured))
            .Select(d => d.Id)
            .ToList();
        return selected.Count > 0 ? selected : WhenNoKeyIsSet;
    }

    private static bool HasBaseUrl(ProviderDescriptor d, Func<string, string?> environment, ProviderBaseUrls configured) =>
        !string.IsNullOrWhiteSpace(environment(d.BaseUrlVariable))
        || (configured.TryGetValue(d.SettingsName, out var endpoint) && endpoint.BaseUrl is not null);
}
