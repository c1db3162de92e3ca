using System.Collections.Frozen;
using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Groq;

/// <summary>Groq's console pages (console.groq.com) and the steps where the shared text is wrong for it.</summary>
internal static class GroqNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://console.groq.com/keys",
        Billing: "https://console.groq.com/settings/billing",
        Limits: "https://console.groq.com/settings/limits",
        Console: "https://console.groq.com/settings",
        Status: "https://groqstatus.com",
        Regions: "https://console.groq.com/docs/errors",
        EnableApi: "https://console.groq.com/settings/billing",
        Models: "https://console.groq.com/docs/models",
        Host: "api.groq.com",
        ProbeUrl: "https://api.groq.com/openai/v1/models -H \"Authorization: Bearer $GROQ_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");

    /// <summary>
    /// Groq's rate limits are per minute and per day (the evidence names which); a restricted organization is
    /// lifted by Groq's support only; its 404 does not tell a missing model from one closed to the organization.
    /// </summary>
    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.RateLimited] = new("Too many requests or tokens right now", [
            "Read limit_window in the evidence: a per-minute limit (TPM/RPM) clears within a minute; a per-day limit (TPD/RPD) only after the wait Groq names.",
            $"See your organization's limits per model: {Pages.Limits}",
            $"Need more? The Developer tier raises them: {Pages.Billing}"]),
        [VerdictCodes.AuthAccountDisabled] = new("The Groq organization is restricted", [
            "A new key will not help: Groq restricted the organization that owns the key.",
            $"Check your email from Groq and the organization settings: {Pages.Console}",
            "Ask Groq's support (support@groq.com) to review it; use another organization's key meanwhile."]),
        [VerdictCodes.ModelNotFound] = new("That model does not exist (or is not open to you)", [
            $"Check the name and whether it was retired: {Pages.Models} and https://console.groq.com/docs/deprecations",
            "Groq answers alike for a missing model and one closed to your organization: check the model is in the key's own list (GET https://api.groq.com/openai/v1/models with the key).",
            $"Models can be disabled per organization or project: {Pages.Limits}"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
