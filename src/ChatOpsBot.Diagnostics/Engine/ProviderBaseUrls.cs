using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// Settings of section <c>Providers</c>: each provider's API root, <c>Providers:&lt;SettingsName&gt;:BaseUrl</c>
/// (README, Configuration), keyed by <see cref="ProviderDescriptor.SettingsName"/> without regard to case. A
/// dictionary, so binding needs no property per provider.
/// </summary>
public sealed class ProviderBaseUrls : Dictionary<string, ProviderEndpoint>
{
    public const string SectionName = "Providers";

    public ProviderBaseUrls()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public Uri? For(ProviderId id) =>
        ProviderRegistry.Find(id) is { } d && TryGetValue(d.SettingsName, out var endpoint) ? endpoint.BaseUrl : null;
}
