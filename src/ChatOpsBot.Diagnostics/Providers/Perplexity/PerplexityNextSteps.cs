using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Perplexity;

/// <summary>Perplexity's API pages, and the steps where the shared text is wrong for it (a refused key may be a zero balance).</summary>
internal static class PerplexityNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://www.perplexity.ai/account/api/keys",
        Billing: "https://www.perplexity.ai/account/api/billing",
        Limits: "https://docs.perplexity.ai/guides/usage-tiers",
        Console: "https://www.perplexity.ai/account/api",
        Status: "https://status.perplexity.com",
        Regions: "https://www.perplexity.ai/hub/legal/terms-of-service",
        EnableApi: "https://www.perplexity.ai/account/api",
        Models: "https://docs.perplexity.ai/getting-started/models",
        Host: "api.perplexity.ai",
        ProbeUrl: "https://api.perplexity.ai/router/v1/models -H \"Authorization: Bearer $PERPLEXITY_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");

    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.AuthInvalidKey] = new("The key was refused (wrong, or blocked for a zero balance)", [
            $"Check the key exists and is active: {Pages.Keys}",
            $"Check the API credit balance: Perplexity blocks keys while it is zero, with the same answer as a wrong key. Top up here: {Pages.Billing}",
            "Copy the key again in full (pplx- and 48 characters), or create a new one."]),
        [VerdictCodes.ModelNotFound] = new("Perplexity does not know that model", [
            $"Use a current model name exactly as listed (no provider prefix such as perplexity/, no spaces): {Pages.Models}",
            "Retired names (pplx-*, llama-3.1-sonar-*) get the same answer as names that never existed."]),
    };
}
