using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Cohere;

/// <summary>Cohere's dashboard pages, and the steps where the shared text is wrong for it (trial keys, per-key caps).</summary>
internal static class CohereNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://dashboard.cohere.com/api-keys",
        Billing: "https://dashboard.cohere.com/billing",
        Limits: "https://docs.cohere.com/docs/rate-limits",
        Console: "https://dashboard.cohere.com",
        Status: "https://status.cohere.com",
        Regions: "https://cohere.com/terms-of-use",
        EnableApi: "https://dashboard.cohere.com",
        Models: "https://docs.cohere.com/docs/models",
        Host: "api.cohere.com",
        ProbeUrl: "https://api.cohere.com/v1/models -H \"Authorization: Bearer $COHERE_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");

    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.AuthInvalidKey] = new("The key was rejected", [
            $"Check the key exists (trial keys expire; production keys are listed apart): {Pages.Keys}",
            "Copy it again in full, or create a new key.",
            "An expired trial key needs a production key: add a payment method, then create one."]),
        [VerdictCodes.QuotaExhausted] = new("The key's allowance or spend cap is used up", [
            $"Trial key past its calls per month: create a production key (needs a payment method): {Pages.Keys}",
            $"Production key past its maximum billing amount: raise the key's cap in billing: {Pages.Billing}",
            "Waiting only helps at the start of next month: this is not a per-minute rate limit."]),
        [VerdictCodes.BillingNotEnabled] = new("Cohere needs a payment method", [
            $"Add or update the payment method: {Pages.Billing}",
            "Then run this again; trial keys keep working within their free limits meanwhile."]),
        [VerdictCodes.RateLimited] = new("Too many requests right now", [
            "Wait a minute and retry with backoff: per-minute limits reset by themselves.",
            $"Trial keys have low per-minute limits; a production key has higher ones: {Pages.Keys}",
            $"Limits per endpoint: {Pages.Limits}"]),
        [VerdictCodes.ModelNotFound] = new("That model does not exist for this key", [
            $"Check the model name against the current list (Cohere retires models with a date): {Pages.Models}",
            "Cohere words a missing model and one the key may not use alike: check the key's organization too."]),
    };
}
