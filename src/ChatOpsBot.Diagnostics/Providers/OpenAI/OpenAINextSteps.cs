using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.OpenAI;

/// <summary>OpenAI's next steps: the console pages and API facts its next steps point at (the steps themselves are shared, NextSteps/CommonNextSteps.cs).</summary>
internal static class OpenAINextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://platform.openai.com/api-keys",
        Billing: "https://platform.openai.com/settings/organization/billing/overview",
        Limits: "https://platform.openai.com/settings/organization/limits",
        Console: "https://platform.openai.com/settings/organization/general",
        Status: "https://status.openai.com",
        Regions: "https://platform.openai.com/docs/supported-countries",
        EnableApi: "https://platform.openai.com/settings/organization/projects",
        Models: "https://platform.openai.com/docs/models",
        Host: "api.openai.com",
        ProbeUrl: "https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");
}
