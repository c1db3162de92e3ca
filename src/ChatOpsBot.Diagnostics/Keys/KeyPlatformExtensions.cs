using ChatOpsBot.Diagnostics.Providers;

namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>Human names of <see cref="KeyPlatform"/> values and how they map to the providers we diagnose.</summary>
public static class KeyPlatformExtensions
{
    /// <summary>A human name, e.g. "Google (Gemini)".</summary>
    public static string DisplayName(this KeyPlatform platform) => platform switch
    {
        KeyPlatform.OpenAI => "OpenAI",
        KeyPlatform.Anthropic => "Anthropic",
        KeyPlatform.Google => "Google (Gemini)",
        KeyPlatform.XAI => "xAI (Grok)",
        KeyPlatform.OpenRouter => "OpenRouter",
        KeyPlatform.Groq => "Groq",
        KeyPlatform.DeepSeek => "DeepSeek",
        KeyPlatform.Mistral => "Mistral",
        KeyPlatform.HuggingFace => "Hugging Face",
        KeyPlatform.Perplexity => "Perplexity",
        KeyPlatform.Replicate => "Replicate",
        KeyPlatform.Together => "Together AI",
        KeyPlatform.AzureOpenAI => "Azure OpenAI",
        KeyPlatform.Cohere => "Cohere",
        KeyPlatform.AwsAccessKey => "AWS",
        KeyPlatform.GitHubToken => "GitHub",
        KeyPlatform.SlackToken => "Slack",
        KeyPlatform.DiscordBotToken => "Discord",
        KeyPlatform.TelegramBotToken => "Telegram",
        _ => "an unknown platform",
    };

    /// <summary>The platform whose keys <paramref name="provider"/> accepts.</summary>
    public static KeyPlatform ExpectedKeyPlatform(this ProviderId provider) =>
        ProviderRegistry.Find(provider)?.KeyPlatform ?? KeyPlatform.Unknown;

    /// <summary>True for AI-model platforms (as opposed to chat, code-hosting or cloud credentials).</summary>
    public static bool IsAiProvider(this KeyPlatform platform) => platform is KeyPlatform.OpenAI or KeyPlatform.Anthropic
        or KeyPlatform.Google or KeyPlatform.XAI or KeyPlatform.OpenRouter or KeyPlatform.Groq
        or KeyPlatform.DeepSeek or KeyPlatform.Mistral or KeyPlatform.HuggingFace
        or KeyPlatform.Perplexity or KeyPlatform.Replicate or KeyPlatform.Together
        or KeyPlatform.AzureOpenAI or KeyPlatform.Cohere;
}
