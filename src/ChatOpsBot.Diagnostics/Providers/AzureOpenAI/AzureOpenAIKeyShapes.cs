using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI resource keys have no prefix: 32 hexadecimal characters (Cognitive Services keys), 84 letters and
/// digits on resources created since 2024 (learn.microsoft.com, "Keys and Endpoint"; gitleaks and trufflehog match
/// them only next to the word "azure"). Nothing to recognise them by alone, so no shape is claimed.
/// </summary>
internal static class AzureOpenAIKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } = [];
}
