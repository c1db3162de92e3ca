namespace ChatOpsBot.Diagnostics.StatusPages;

/// <summary>
/// The status pages the bot knows. OpenAI (https://status.openai.com, incident.io, which serves the Statuspage API
/// shape at <c>/api/v2/</c>), Anthropic (https://status.claude.com, Atlassian Statuspage; status.anthropic.com
/// redirects there) and Discord (https://discordstatus.com, Atlassian Statuspage) publish one a program can read.
/// Google publishes none for the Gemini API (https://aistudio.google.com/status is a web app): a link only. Any
/// other provider's page can be set with <c>StatusPages:&lt;Provider&gt;:Url</c> if it speaks the Statuspage API;
/// then every component counts.
/// </summary>
public static class StatusPageCatalog
{
    public static StatusPage OpenAI { get; } = new()
    {
        Name = "OpenAI",
        DisplayName = "OpenAI",
        Provider = ProviderId.OpenAI,
        DefaultRoot = new Uri("https://status.openai.com"),
        Link = new Uri("https://status.openai.com"),
        Components =
        [
            "Chat Completions", "Responses", "Realtime", "Embeddings", "Files", "Batch", "Fine-tuning", "Moderations",
            "Audio", "Images", "Image Generation", "Codex API",
        ],
    };

    public static StatusPage Anthropic { get; } = new()
    {
        Name = "Anthropic",
        DisplayName = "Anthropic",
        Provider = ProviderId.Anthropic,
        DefaultRoot = new Uri("https://status.claude.com"),
        Link = new Uri("https://status.claude.com"),
        Components = ["Claude API"], // "Claude API (api.anthropic.com)": the part in brackets has changed before
    };

    public static StatusPage Gemini { get; } = new()
    {
        Name = "Gemini",
        DisplayName = "Gemini",
        Provider = ProviderId.Gemini,
        Link = new Uri("https://aistudio.google.com/status"),
    };

    public static StatusPage Discord { get; } = new()
    {
        Name = "Discord",
        DisplayName = "Discord",
        DefaultRoot = new Uri("https://discordstatus.com"),
        Link = new Uri("https://discordstatus.com"),
        Components = ["API", "Gateway"],
    };

    /// <summary>The pages known by default, providers first.</summary>
    public static IReadOnlyList<StatusPage> Known { get; } = [OpenAI, Anthropic, Gemini, Discord];

    /// <summary>
    /// The page of <paramref name="provider"/>: a known one, or one named after its settings name that has no default
    /// (used only when <c>StatusPages:&lt;Name&gt;:Url</c> is set).
    /// </summary>
    public static StatusPage For(ProviderId provider)
    {
        if (Known.FirstOrDefault(p => p.Provider == provider) is { } known)
        {
            return known;
        }

        var descriptor = Providers.ProviderRegistry.Find(provider);
        var name = descriptor?.SettingsName ?? provider.ToString();
        return new StatusPage
        {
            Name = name,
            DisplayName = descriptor?.DisplayName ?? name,
            Provider = provider,
        };
    }
}
