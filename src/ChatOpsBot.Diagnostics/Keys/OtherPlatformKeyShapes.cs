namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>
/// Key formats of platforms that have no provider folder, so that their keys given to a provider are named
/// (<c>key.wrong_platform</c>) and their tokens pasted in a channel are caught. A provider that gets a folder takes its
/// rules there; a rule here whose prefix a registered provider already declares is ignored (<see cref="KeyShapes"/>).
/// </summary>
/// <remarks>
/// Sources (checked 2026-11): gitleaks <c>cmd/generate/config/rules/</c> (groq.go, huggingface.go, github.go,
/// telegram.go), osv-scanner veles grokxaiapikey (xai- + 80), trufflehog (sk-or-v1- + 64 hex, pplx- + 48),
/// Replicate (r8_ + 37), DeepSeek (sk- + 32 hex). Mistral keys are 32 bare alphanumerics: no prefix, so not
/// recognisable by shape.
/// </remarks>
internal static class OtherPlatformKeyShapes
{
    public static IReadOnlyList<KeyShapeRule> Rules { get; } =
    [
        // AI platforms the engine does not diagnose yet.
        KeyShapeRule.For("sk-or-v1-", KeyPlatform.OpenRouter, "OpenRouter API key", 64, 64, KeyBodyClass.LowerHex),
        KeyShapeRule.For("sk-or-", KeyPlatform.OpenRouter, "OpenRouter key", 32, 200, KeyBodyClass.Base64Url),
        KeyShapeRule.For("xai-", KeyPlatform.XAI, "xAI (Grok) API key", 80, 80, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("gsk_", KeyPlatform.Groq, "Groq API key", 52, 52, KeyBodyClass.Alphanumeric),
        KeyShapeRule.For("pplx-", KeyPlatform.Perplexity, "Perplexity API key", 48, 56, KeyBodyClass.Alphanumeric),
        KeyShapeRule.Whole("sk-", KeyPlatform.DeepSeek, "DeepSeek API key", 32, KeyBodyClass.LowerHex),

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
