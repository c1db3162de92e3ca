using System.Collections.Frozen;
using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Together;

/// <summary>Together's console pages (api.together.ai) and the steps where the shared text is wrong for it.</summary>
internal static class TogetherNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://api.together.ai/settings/api-keys",
        Billing: "https://api.together.ai/settings/billing",
        Limits: "https://docs.together.ai/docs/rate-limits",
        Console: "https://api.together.ai/settings/profile",
        Status: "https://status.together.ai",
        Regions: "https://docs.together.ai/docs/error-codes",
        EnableApi: "https://api.together.ai/settings/billing",
        Models: "https://api.together.ai/models",
        Host: "api.together.xyz",
        ProbeUrl: "https://api.together.xyz/v1/models -H \"Authorization: Bearer $TOGETHER_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");

    /// <summary>
    /// Together's 402 is credit or the monthly spending limit; its "no access" is a model served only on a dedicated
    /// endpoint (or one that is stopped), which a working key gets too.
    /// </summary>
    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.QuotaExhausted] = new("No credit left, or the monthly spending limit is reached", [
            $"Add credit or raise the spending limit: {Pages.Billing}",
            "Waiting will not help (this is not a rate limit); the key itself is fine."]),
        [VerdictCodes.ModelNoAccess] = new("The model is not served to this key right now", [
            "The key works: the model runs only on a dedicated endpoint (non-serverless), or its dedicated endpoint is stopped.",
            $"Start or create the endpoint, or pick a serverless model: {Pages.Models}",
            $"Serverless model list and prices: https://docs.together.ai/docs/serverless-models"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
