namespace ChatOpsBot.Diagnostics;

/// <summary>The AI providers the engine can diagnose.</summary>
public enum ProviderId
{
    OpenAI,
    Anthropic,
    Gemini,
    OpenRouter,
    DeepSeek,
    XAI,
    Mistral,
    Groq,
    Together,
    Perplexity,
    Cohere,
    AzureOpenAI,

    /// <summary>Any server speaking the OpenAI API (a gateway or a local model server); its base URL is required.</summary>
    OpenAICompatible,

    /// <summary>Not an API: Discord-side checks of <c>/diagnose provider:midjourney</c>. Not in <see cref="ProviderCatalog.All"/>.</summary>
    Midjourney,
}
