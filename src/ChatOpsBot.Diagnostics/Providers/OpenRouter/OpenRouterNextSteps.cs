using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.OpenRouter;

/// <summary>OpenRouter's console pages, and the steps where OpenRouter differs from a provider (it is a gateway, and it has two kinds of money limit).</summary>
internal static class OpenRouterNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://openrouter.ai/settings/keys",
        Billing: "https://openrouter.ai/settings/credits",
        Limits: "https://openrouter.ai/docs/api/reference/limits",
        Console: "https://openrouter.ai/settings/preferences",
        Status: "https://status.openrouter.ai",
        Regions: "https://openrouter.ai/docs/guides/privacy/provider-logging",
        EnableApi: "https://openrouter.ai/settings/privacy",
        Models: "https://openrouter.ai/models",
        Host: "openrouter.ai",
        ProbeUrl: "https://openrouter.ai/api/v1/key -H \"Authorization: Bearer $OPENROUTER_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");

    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.GatewayUpstreamError] = new("OpenRouter's upstream provider refused or failed", [
            "Your OpenRouter key works: the provider OpenRouter routed to (upstream_provider in the evidence) failed, for the reason in upstream_code.",
            "Pick another route: another model, the model without :free, or other providers (provider.order / allow_fallbacks in the request, or https://openrouter.ai/settings/preferences).",
            "Rate-limited upstream: retry shortly, or add your own provider key for your own limits: https://openrouter.ai/settings/integrations",
            "Check https://status.openrouter.ai and the model's page on https://openrouter.ai/models for provider outages."]),
        [VerdictCodes.QuotaExhausted] = new("No OpenRouter credit left, or the key's own limit is used up", [
            "The evidence says which: the account's credits, or this key's spend limit (403 \"Key limit exceeded\").",
            "Account credits: add credits at https://openrouter.ai/settings/credits",
            "The key's own limit: raise or remove it, or wait for its reset, at https://openrouter.ai/settings/keys",
            "Waiting will not help (this is not a rate limit)."]),
        [VerdictCodes.BillingNotEnabled] = new("This OpenRouter account never bought credits", [
            "Check the key belongs to the account or organisation you meant (the message says so too): https://openrouter.ai/settings/keys",
            "Buy credits to use paid models: https://openrouter.ai/settings/credits",
            "Without credits only :free models work, capped at 50 requests a day."]),
        [VerdictCodes.ModelNoAccess] = new("Your OpenRouter settings exclude every provider of this model", [
            "Your allowed/ignored providers or data policy rule out all providers that serve it: https://openrouter.ai/settings/privacy",
            "Or pick a model that one of your allowed providers serves: https://openrouter.ai/models"]),
    };
}
