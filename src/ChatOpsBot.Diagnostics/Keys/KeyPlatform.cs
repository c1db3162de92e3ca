namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>Platforms whose keys or tokens can be recognised by shape.</summary>
public enum KeyPlatform
{
    Unknown,
    OpenAI,
    Anthropic,
    Google,
    XAI,
    OpenRouter,
    Groq,
    DeepSeek,
    Mistral,
    HuggingFace,
    Perplexity,
    Replicate,
    AwsAccessKey,
    GitHubToken,
    SlackToken,
    DiscordBotToken,
    TelegramBotToken,
    Together,
    AzureOpenAI,
    Cohere,
}
