using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.XAI;

/// <summary>xAI's console pages, and the steps where xAI differs (team credits and a monthly spending limit behind a 429, key ACLs).</summary>
internal static class XAINextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://console.x.ai/team/default/api-keys",
        Billing: "https://console.x.ai/team/default/billing",
        Limits: "https://console.x.ai/team/default/rate-limits",
        Console: "https://console.x.ai",
        Status: "https://status.x.ai",
        Regions: "https://docs.x.ai/docs/key-information/regions",
        EnableApi: "https://console.x.ai/team/default/api-keys",
        Models: "https://docs.x.ai/docs/models",
        Host: "api.x.ai",
        ProbeUrl: "https://api.x.ai/v1/api-key -H \"Authorization: Bearer $XAI_API_KEY\"",
        HeaderHint: "Authorization: Bearer xai-…");

    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.QuotaExhausted] = new("The xAI team is out of credits or at its spending limit", [
            "Buy credits, or raise the team's monthly spending limit: https://console.x.ai/team/default/billing",
            "xAI answers this with 429, but waiting will not help until credits are added or the limit is raised."]),
        [VerdictCodes.BillingNotEnabled] = new("The xAI team has never had credits", [
            "Buy credits for the team (the message names it): https://console.x.ai/team/default/billing",
            "Check the key belongs to the team you meant: https://console.x.ai/team/default/api-keys"]),
        [VerdictCodes.AuthPermissionDenied] = new("The xAI key may not call this endpoint or model", [
            "Edit the key's permissions (ACLs: endpoints and models) or make a key with them: https://console.x.ai/team/default/api-keys",
            "The key's acls are in the evidence of the key check (GET /v1/api-key)."]),
        [VerdictCodes.ModelNotFound] = new("xAI has no such model, or your team may not use it", [
            "xAI words both alike: check the name first: https://docs.x.ai/docs/models",
            "Then check the key's model permissions (acls api-key:model:…): https://console.x.ai/team/default/api-keys"]),
    };
}
