using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.DeepSeek;

/// <summary>DeepSeek's console pages, and the steps where its money and limits differ (a prepaid balance; a concurrency limit, not RPM).</summary>
internal static class DeepSeekNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://platform.deepseek.com/api_keys",
        Billing: "https://platform.deepseek.com/top_up",
        Limits: "https://api-docs.deepseek.com/quick_start/rate_limit",
        Console: "https://platform.deepseek.com/usage",
        Status: "https://status.deepseek.com",
        Regions: "https://api-docs.deepseek.com/faq",
        EnableApi: "https://platform.deepseek.com/usage",
        Models: "https://api-docs.deepseek.com/quick_start/pricing",
        Host: "api.deepseek.com",
        ProbeUrl: "https://api.deepseek.com/user/balance -H \"Authorization: Bearer $DEEPSEEK_API_KEY\"",
        HeaderHint: "Authorization: Bearer sk-…");

    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.QuotaExhausted] = new("The DeepSeek balance is empty", [
            "Top up the account's balance: https://platform.deepseek.com/top_up",
            "See the balance and what used it: https://platform.deepseek.com/usage",
            "Waiting will not help (402 Insufficient Balance is not a rate limit)."]),
        [VerdictCodes.RateLimited] = new("Too many DeepSeek requests in flight", [
            "Send fewer requests at once: DeepSeek limits concurrent requests per account (all keys together), not per minute.",
            "A low balance lowers that limit: top up at https://platform.deepseek.com/top_up",
            "Limits: https://api-docs.deepseek.com/quick_start/rate_limit"]),
        [VerdictCodes.ModelNotFound] = new("DeepSeek has no model of that name", [
            "DeepSeek answers an unknown model with 400 \"Model Not Exist\": check the name (deepseek-chat, deepseek-reasoner).",
            "Models and prices: https://api-docs.deepseek.com/quick_start/pricing"]),
    };
}
