using System.Diagnostics.CodeAnalysis;
using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics;

/// <summary>Names, aliases and defaults of each provider, read from <see cref="ProviderRegistry"/>'s descriptors.</summary>
public static class ProviderCatalog
{
    /// <summary>Every registered provider, in the order of <c>diagnose all</c> (Midjourney is not one).</summary>
    public static IReadOnlyList<ProviderId> All { get; } = [.. ProviderRegistry.Descriptors.Select(d => d.Id)];

    /// <summary>
    /// OpenAI, Anthropic and Gemini: what <c>all</c> names when nothing narrows it (the CLI with no key variable set; in
    /// chat, the providers reported as having no team key).
    /// </summary>
    public static IReadOnlyList<ProviderId> Core { get; } = [ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini];

    /// <summary>Accepted names, including aliases, as shown in usage text.</summary>
    public static string UsageList { get; } = string.Join(", ", ProviderRegistry.Descriptors.Select(UsageName).Append("all"));

    public static string Wire(this ProviderId id) =>
        id == ProviderId.Midjourney ? "midjourney" : ProviderRegistry.Get(id).Wire;

    public static string DisplayName(this ProviderId id) =>
        id == ProviderId.Midjourney ? "Midjourney" : ProviderRegistry.Get(id).DisplayName;

    /// <summary>Parses a provider name or alias (case-insensitive, surrounding space ignored).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ProviderId? id)
    {
        id = text is null ? null : ProviderRegistry.FindByName(text.Trim())?.Id;
        return id is not null;
    }

    /// <summary>Environment variables the official SDKs read the key from, in order of preference.</summary>
    public static IReadOnlyList<string> KeyEnvironmentVariables(this ProviderId id) => ProviderRegistry.Get(id).KeyVariables;

    /// <summary>The environment variable the official SDKs read a custom API root from.</summary>
    public static string BaseUrlEnvironmentVariable(this ProviderId id) => ProviderRegistry.Get(id).BaseUrlVariable;

    /// <summary>The provider's own API root; null when it has none and a base URL must be given.</summary>
    public static Uri? DefaultBaseUrl(this ProviderId id) => ProviderRegistry.Get(id).DefaultBaseUrl;

    private static string UsageName(ProviderDescriptor d) => d.Aliases.Count == 0 ? d.Wire : $"{d.Wire} (alias {d.Aliases[0]})";
}
