using System.Collections.Frozen;
using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Providers.Anthropic;
using ChatOpsBot.Diagnostics.Providers.AzureOpenAI;
using ChatOpsBot.Diagnostics.Providers.Cohere;
using ChatOpsBot.Diagnostics.Providers.DeepSeek;
using ChatOpsBot.Diagnostics.Providers.Gemini;
using ChatOpsBot.Diagnostics.Providers.Groq;
using ChatOpsBot.Diagnostics.Providers.Mistral;
using ChatOpsBot.Diagnostics.Providers.OpenAI;
using ChatOpsBot.Diagnostics.Providers.OpenAICompatible;
using ChatOpsBot.Diagnostics.Providers.OpenRouter;
using ChatOpsBot.Diagnostics.Providers.Perplexity;
using ChatOpsBot.Diagnostics.Providers.Together;
using ChatOpsBot.Diagnostics.Providers.XAI;

namespace ChatOpsBot.Diagnostics.Providers;

/// <summary>
/// The one list of providers the engine diagnoses. Its order is the order of <c>diagnose all</c>, of the chat's
/// choices and of every list shown. Adding a provider: its <see cref="ProviderId"/> value, its folder under
/// <c>Providers/</c>, and one line here (docs/recipes/add-a-provider.md).
/// </summary>
public static class ProviderRegistry
{
    /// <summary>Every provider, in order.</summary>
    public static IReadOnlyList<IProviderDefinition> Definitions { get; } =
    [
        new OpenAIProvider(),
        new AnthropicProvider(),
        new GeminiProvider(),
        new OpenRouterProvider(),
        new DeepSeekProvider(),
        new XAIProvider(),
        new MistralProvider(),
        new GroqProvider(),
        new TogetherProvider(),
        new PerplexityProvider(),
        new CohereProvider(),
        new AzureOpenAIProvider(),
        new OpenAICompatibleProvider(),
    ];

    /// <summary>Every provider's descriptor, in order.</summary>
    public static IReadOnlyList<ProviderDescriptor> Descriptors { get; } = [.. Definitions.Select(d => d.Descriptor)];

    private static readonly FrozenDictionary<ProviderId, ProviderDescriptor> ById =
        Descriptors.ToFrozenDictionary(d => d.Id);

    // Keyed by the lower-case name; looked up lower-cased (invariant), as names always were.
    private static readonly FrozenDictionary<string, ProviderDescriptor> ByName =
        Descriptors.SelectMany(d => d.Names.Select(n => (Name: n.ToLowerInvariant(), Descriptor: d)))
            .ToFrozenDictionary(p => p.Name, p => p.Descriptor, StringComparer.Ordinal);

    /// <summary>The descriptor of <paramref name="id"/>; null for an id with no folder (Midjourney).</summary>
    public static ProviderDescriptor? Find(ProviderId id) => ById.TryGetValue(id, out var d) ? d : null;

    /// <summary>The descriptor of <paramref name="id"/>, or an exception naming the id.</summary>
    public static ProviderDescriptor Get(ProviderId id) =>
        Find(id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "Not a registered provider.");

    /// <summary>The provider named <paramref name="name"/> (wire name or alias, case-insensitive), or null.</summary>
    public static ProviderDescriptor? FindByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name.ToLowerInvariant(), out var d) ? d : null;
    }

    /// <summary>The provider named exactly <paramref name="wire"/> (no aliases), or null.</summary>
    public static ProviderDescriptor? FindByWire(string wire) =>
        Descriptors.FirstOrDefault(d => string.Equals(d.Wire, wire, StringComparison.Ordinal));

    /// <summary>
    /// The first provider whose keys are of <paramref name="platform"/>, or null: by its key platform, else by the key
    /// shapes it declares (Mistral, Cohere and Azure OpenAI take keys of any shape but declare their bare ones).
    /// </summary>
    public static ProviderDescriptor? FindByKeyPlatform(KeyPlatform platform) =>
        platform == KeyPlatform.Unknown ? null
        : Descriptors.FirstOrDefault(d => d.KeyPlatform == platform)
          ?? Descriptors.FirstOrDefault(d => d.KeyShapes.Any(r => r.Shape.Platform == platform));
}
