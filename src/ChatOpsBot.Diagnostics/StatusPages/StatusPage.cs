namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// A public status page the bot can read: whose it is, where it lives and which of its components matter for an API
/// key. Components are matched by name (case-insensitive prefix), never by id: pages renumber them.
/// </summary>
public sealed record StatusPage
{
    /// <summary>The name in the setting <c>StatusPages:&lt;Name&gt;:Url</c> (a provider's settings name, or <c>Discord</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The name people read ("OpenAI", "Anthropic").</summary>
    public required string DisplayName { get; init; }

    /// <summary>The provider it reports on; null for a platform (Discord).</summary>
    public ProviderId? Provider { get; init; }

    /// <summary>The page's root (API paths are appended); null when the provider publishes none a program can read.</summary>
    public Uri? DefaultRoot { get; init; }

    /// <summary>The page a person opens; null: the configured root is the link.</summary>
    public Uri? Link { get; init; }

    /// <summary>Name prefixes of the components an API key depends on; empty: every component counts.</summary>
    public IReadOnlyList<string> Components { get; init; } = [];

    /// <summary>Whether a program can read it (false: a link only, as for Gemini).</summary>
    public bool Readable => DefaultRoot is not null;

    /// <summary>Whether <paramref name="componentName"/> is one an API key depends on.</summary>
    public bool Watches(string componentName) =>
        Components.Count == 0 || Components.Any(p => componentName.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
