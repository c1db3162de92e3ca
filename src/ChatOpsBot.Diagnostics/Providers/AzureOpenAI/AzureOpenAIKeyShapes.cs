using ChatOpsBot.Diagnostics.Keys;

namespace ChatOpsBot.Diagnostics.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI resource keys have no prefix: 32 hexadecimal characters (Cognitive Services keys), 84 letters and
/// digits on resources created since 2024 (learn.microsoft.com, "Keys and Endpoint"; gitleaks and trufflehog match
/// them only next to the word "azure"). Bare shapes name no one platform: a key of one is one Azure OpenAI's could be
/// (<see cref="KeyShape.CouldBe"/>), never one it is; 32 hex characters fit Mistral's keys as well.
/// </summary>
internal static class AzureOpenAIKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        KeyShapeRule.Whole("", KeyPlatform.AzureOpenAI, "Azure OpenAI resource key", 32, KeyBodyClass.LowerHex),
        KeyShapeRule.Whole("", KeyPlatform.AzureOpenAI, "Azure OpenAI resource key", 84, KeyBodyClass.Alphanumeric),
    ];
}
