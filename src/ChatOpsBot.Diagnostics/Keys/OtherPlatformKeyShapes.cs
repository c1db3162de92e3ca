namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// Key formats of platforms that have no provider folder, so that their keys given to a provider are named
/// (<c>key.wrong_platform</c>) and their tokens pasted in a channel are caught. A provider that gets a folder takes its
/// rules there; a rule here whose prefix a registered provider already declares is ignored (<see cref="KeyShapes"/>).
/// </summary>
/// <remarks>
/// Sources (checked 2026-11): gitleaks <c>cmd/generate/config/rules/</c> (huggingface.go, github.go,
/// telegram.go), Replicate (r8_ + 37). OpenRouter, DeepSeek, xAI, Groq, Perplexity, Mistral, Together, Cohere and Azure
/// OpenAI declare their own formats in their provider folders.
/// </remarks>
internal static class OtherPlatformKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        // Other AI platforms.
        KeyShapeRule.For("hf_", KeyPlatform.HuggingFace, "Hugging Face access token", 34, 40, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("r8_", KeyPlatform.Replicate, "Replicate API token", 37, 40, KeyBodyClass.Alphanumeric),

        // Cloud, code hosting and chat credentials.
        KeyShapeRule.For("AKIA", KeyPlatform.AwsAccessKey, "AWS access key ID", 16, 16, KeyBodyClass.UpperAlphanumeric),
        KeyShapeRule.For("ASIA", KeyPlatform.AwsAccessKey, "AWS temporary access key ID", 16, 16, KeyBodyClass.UpperAlphanumeric),
        KeyShapeRule.For("github_pat_", KeyPlatform.GitHubToken, "GitHub fine-grained personal access token", 82, 82, KeyBodyClass.Base64Url),
        KeyShapeRule.For("ghp_", KeyPlatform.GitHubToken, "GitHub personal access token", 36, 36, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("gho_", KeyPlatform.GitHubToken, "GitHub OAuth token", 36, 36, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("ghu_", KeyPlatform.GitHubToken, "GitHub app user token", 36, 36, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("ghs_", KeyPlatform.GitHubToken, "GitHub app installation token", 36, 36, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("ghr_", KeyPlatform.GitHubToken, "GitHub refresh token", 36, 80, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("xoxb-", KeyPlatform.SlackToken, "Slack bot token", 10, 250, KeyBodyClass.AlphanumericDash),
        KeyShapeRule.For("xoxp-", KeyPlatform.SlackToken, "Slack user token", 10, 250, KeyBodyClass.AlphanumericDash),
        KeyShapeRule.For("xoxa-", KeyPlatform.SlackToken, "Slack app token", 10, 250, KeyBodyClass.AlphanumericDash),
        KeyShapeRule.For("xoxe-", KeyPlatform.SlackToken, "Slack refresh token", 10, 250, KeyBodyClass.AlphanumericDash),
        KeyShapeRule.For("xoxr-", KeyPlatform.SlackToken, "Slack refresh token", 10, 250, KeyBodyClass.AlphanumericDash),
    ];
}
