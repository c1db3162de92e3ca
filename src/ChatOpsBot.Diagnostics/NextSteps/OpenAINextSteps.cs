using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>OpenAI's next steps: its console pages, keyed by verdict code.</summary>
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

    public static FrozenDictionary<string, CatalogEntry> Table { get; } = NextStepsTable.Build(
        new(Pages, ProviderId.OpenAI.DisplayName(), ProviderId.OpenAI.KeyEnvironmentVariables()[0]));
}
