using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Gemini;

/// <summary>Gemini's next steps: the console pages and API facts its next steps point at (the steps themselves are shared, NextSteps/CommonNextSteps.cs).</summary>
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
}
