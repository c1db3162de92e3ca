using System.Collections.Frozen;

namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>Gemini's next steps: its console pages, keyed by verdict code.</summary>
internal static class GeminiNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://aistudio.google.com/apikey",
        Billing: "https://aistudio.google.com/usage (or https://console.cloud.google.com/billing)",
        Limits: "https://ai.google.dev/gemini-api/docs/rate-limits",
        Console: "https://console.cloud.google.com",
        Status: "https://aistudio.google.com/status",
        Regions: "https://ai.google.dev/gemini-api/docs/available-regions",
        EnableApi: "https://console.cloud.google.com/apis/library/generativelanguage.googleapis.com",
        Models: "https://ai.google.dev/gemini-api/docs/models",
        Host: "generativelanguage.googleapis.com",
        ProbeUrl: "https://generativelanguage.googleapis.com/v1beta/models -H \"x-goog-api-key: $GEMINI_API_KEY\"",
        HeaderHint: "x-goog-api-key: <key>");

    public static FrozenDictionary<string, CatalogEntry> Table { get; } = NextStepsTable.Build(
        new(Pages, ProviderId.Gemini.DisplayName(), ProviderId.Gemini.KeyEnvironmentVariables()[0]));
}
