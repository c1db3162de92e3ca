namespace ChatOpsBot.Diagnostics;

/// <summary>The AI providers the engine can diagnose.</summary>
public enum ProviderId
{
    OpenAI,
    Anthropic,
    Gemini,

    /// <summary>Not an API: Discord-side checks of <c>/diagnose provider:midjourney</c>. Not in <see cref="ProviderCatalog.All"/>.</summary>
    Midjourney,

    OpenRouter,
    DeepSeek,
    XAI,
}
