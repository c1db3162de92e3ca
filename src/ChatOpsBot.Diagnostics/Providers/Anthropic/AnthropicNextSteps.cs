using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Anthropic;

/// <summary>Anthropic's next steps: the console pages and API facts its next steps point at (the steps themselves are shared, NextSteps/CommonNextSteps.cs).</summary>
internal static class AnthropicNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://console.anthropic.com/settings/keys",
        Billing: "https://console.anthropic.com/settings/billing",
        Limits: "https://console.anthropic.com/settings/limits",
        Console: "https://console.anthropic.com",
        Status: "https://status.anthropic.com",
        Regions: "https://www.anthropic.com/supported-countries",
        EnableApi: "https://console.anthropic.com/settings/workspaces",
        Models: "https://docs.anthropic.com/en/docs/about-claude/models",
        Host: "api.anthropic.com",
        ProbeUrl: "https://api.anthropic.com/v1/models -H \"x-api-key: $ANTHROPIC_API_KEY\" -H \"anthropic-version: 2023-06-01\"",
        HeaderHint: "x-api-key: <key> (with anthropic-version: 2023-06-01)");
}
