using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// What the rest of the program knows about a provider, as data: its names, variables, settings, key shapes and
/// console pages. Each provider's folder declares one (<c>Providers/&lt;Name&gt;/&lt;Name&gt;Provider.cs</c>);
/// <see cref="ProviderCatalog"/>, the next steps, the key checks, the settings and the chat read it from
/// <see cref="ProviderRegistry"/>. Pure data: building one never reads the registry.
/// </summary>
public sealed record ProviderDescriptor
{
    public required ProviderId Id { get; init; }

    /// <summary>The name on the command line, in JSON and in chat (<c>openai</c>, <c>azure-openai</c>).</summary>
    public required string Wire { get; init; }

    /// <summary>Other accepted names. The first, if any, is the one usage text shows ("openai (alias chatgpt)").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The name people read ("OpenAI").</summary>
    public required string DisplayName { get; init; }

    /// <summary>The name in the setting <c>Providers:&lt;SettingsName&gt;:BaseUrl</c> ("OpenAI", "AzureOpenAI").</summary>
    public required string SettingsName { get; init; }

    /// <summary>Environment variables the official SDKs read the key from, in order of preference.</summary>
    public required IReadOnlyList<string> KeyVariables { get; init; }

    /// <summary>The environment variable the official SDKs read a custom API root from.</summary>
    public required string BaseUrlVariable { get; init; }

    /// <summary>The provider's own API root; null when a base URL must be given (a resource endpoint, a gateway).</summary>
    public required Uri? DefaultBaseUrl { get; init; }

    /// <summary>True when a base URL must be given: the provider has no public API root (<see cref="DefaultBaseUrl"/> is null).</summary>
    public bool BaseUrlRequired => DefaultBaseUrl is null;

    /// <summary>
    /// What its base URL is, for the finding that asks for it when none is given ("your resource's endpoint,
    /// https://&lt;resource&gt;.openai.azure.com"). Only read when <see cref="BaseUrlRequired"/>.
    /// </summary>
    public string BaseUrlDescription { get; init; } = "its API root";

    /// <summary>
    /// True when <c>diagnose all</c> takes the provider only once its base URL is configured too (a generic
    /// OpenAI-compatible server: its key alone says nothing of where it lives). False: its key variable alone is
    /// enough, and a missing base URL is reported as a finding (Azure OpenAI without its endpoint).
    /// </summary>
    public bool JoinsAllOnlyWithBaseUrl { get; init; }

    /// <summary>
    /// True when the provider is itself a gateway (OpenRouter) and reads its own wrapped upstream errors: the shared
    /// gateway step is not run on its answers, even through a custom base URL.
    /// </summary>
    public bool ReadsOwnGatewayAnswers { get; init; }

    /// <summary>The platform whose keys the provider accepts (a key of another platform is <c>key.wrong_platform</c>).</summary>
    public required KeyPlatform KeyPlatform { get; init; }

    /// <summary>What its keys look like, for a <c>key.malformed</c> finding ("sk-ant-api03-…").</summary>
    public required string KeyHint { get; init; }

    /// <summary>A Cloudflare <c>/cdn-cgi/trace</c> on the provider's own host, for the egress stage; null when it has none.</summary>
    public Uri? TraceUrl { get; init; }

    /// <summary>The page where its keys are made and revoked.</summary>
    public string KeysPage => Pages.Keys;

    /// <summary>Its console pages and API facts, which next steps point at.</summary>
    internal ProviderPages Pages { get; init; } = ProviderPages.Generic;

    /// <summary>Next steps that replace the shared ones for some codes (keyed by verdict code).</summary>
    public IReadOnlyDictionary<string, CatalogEntry> NextStepsOverrides { get; init; } = new Dictionary<string, CatalogEntry>();

    /// <summary>Its key formats, most specific prefix first within the provider (<see cref="KeyShapes"/> aggregates them).</summary>
    internal IReadOnlyList<KeyShapeRule> KeyShapes { get; init; } = [];

    /// <summary>Every name the provider answers to: its wire name, then its aliases.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Wire);
}
