using System.Diagnostics.CodeAnalysis;

namespace ChatOpsBot.Diagnostics;

/// <summary>Names, aliases and defaults of each provider.</summary>
public static class ProviderCatalog
{
    public static IReadOnlyList<ProviderId> All { get; } = [ProviderId.OpenAI, ProviderId.Anthropic, ProviderId.Gemini];

    /// <summary>Accepted names, including aliases, as shown in usage text.</summary>
    public const string UsageList = "openai (alias chatgpt), anthropic (alias claude), gemini (alias google), all";

    public static string Wire(this ProviderId id) => id switch
    {
        ProviderId.OpenAI => "openai",
        ProviderId.Anthropic => "anthropic",
        ProviderId.Gemini => "gemini",
        ProviderId.Midjourney => "midjourney",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    public static string DisplayName(this ProviderId id) => id switch
    {
        ProviderId.OpenAI => "OpenAI",
        ProviderId.Anthropic => "Anthropic",
        ProviderId.Gemini => "Gemini",
        ProviderId.Midjourney => "Midjourney",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    /// <summary>Parses a provider name or alias (case-insensitive, surrounding space ignored).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ProviderId? id)
    {
        id = text?.Trim().ToLowerInvariant() switch
        {
            "openai" or "chatgpt" or "gpt" => ProviderId.OpenAI,
            "anthropic" or "claude" => ProviderId.Anthropic,
            "gemini" or "google" => ProviderId.Gemini,
            _ => null,
        };
        return id is not null;
    }

    /// <summary>Environment variables the official SDKs read the key from, in order of preference.</summary>
    public static IReadOnlyList<string> KeyEnvironmentVariables(this ProviderId id) => id switch
    {
        ProviderId.OpenAI => ["OPENAI_API_KEY"],
        ProviderId.Anthropic => ["ANTHROPIC_API_KEY"],
        ProviderId.Gemini => ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    /// <summary>The environment variable the official SDKs read a custom API root from.</summary>
    public static string BaseUrlEnvironmentVariable(this ProviderId id) => id switch
    {
        ProviderId.OpenAI => "OPENAI_BASE_URL",
        ProviderId.Anthropic => "ANTHROPIC_BASE_URL",
        ProviderId.Gemini => "GEMINI_BASE_URL",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    public static Uri DefaultBaseUrl(this ProviderId id) => id switch
    {
        ProviderId.OpenAI => new Uri("https://api.openai.com"),
        ProviderId.Anthropic => new Uri("https://api.anthropic.com"),
        ProviderId.Gemini => new Uri("https://generativelanguage.googleapis.com"),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };
}
