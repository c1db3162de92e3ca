using System.Collections.Frozen;
using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.Mistral;

/// <summary>Mistral's console pages (La Plateforme, console.mistral.ai) and the steps where the shared text is wrong for it.</summary>
internal static class MistralNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "https://console.mistral.ai/api-keys",
        Billing: "https://console.mistral.ai/billing",
        Limits: "https://admin.mistral.ai/plateforme/limits",
        Console: "https://console.mistral.ai",
        Status: "https://status.mistral.ai",
        Regions: "https://docs.mistral.ai/deployment/laplateforme/overview/",
        EnableApi: "https://console.mistral.ai/billing",
        Models: "https://docs.mistral.ai/getting-started/models/models_overview/",
        Host: "api.mistral.ai",
        ProbeUrl: "https://api.mistral.ai/v1/models -H \"Authorization: Bearer $MISTRAL_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");

    /// <summary>
    /// A wrong key and a Codestral key on api.mistral.ai get the same 401; the monthly token limit is a 429 that
    /// waiting does not fix; a 429 of the free tier's shared capacity is not this key's limit.
    /// </summary>
    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.AuthInvalidKey] = new("The key was rejected", [
            $"Check the key exists and is active: {Pages.Keys}",
            "A key made on console.mistral.ai/codestral works only on https://codestral.mistral.ai, and an API key not there: use the key of the endpoint you call.",
            "Copy it again in full (32 letters and digits), or create a new one; a new key can take a few minutes to work."]),
        [VerdictCodes.AuthPermissionDenied] = new("The key is valid but not allowed to do this", [
            $"Check the workspace's plan and that the model is available on it: {Pages.Billing}",
            "Mistral gave no reason (an empty 403): try a model on the free tier, e.g. mistral-small-latest, to tell the model from the key.",
            $"Still refused? Create a new key in the same workspace: {Pages.Keys}"]),
        [VerdictCodes.QuotaExhausted] = new("The monthly limit is used up", [
            $"See the workspace's monthly token limit and usage: {Pages.Limits}",
            $"Raise it by moving to a paid plan or a higher tier: {Pages.Billing}",
            "Waiting for minutes will not help: the monthly limit resets at the start of the month."]),
        [VerdictCodes.ProviderOverloaded] = new("Mistral's capacity for this model is used up", [
            "Not your key's limit: the shared capacity of your service tier for this model is full. Retry in a minute or two.",
            "Try another model (e.g. mistral-small-latest) or a paid tier, which has its own capacity.",
            $"Check Mistral's status: {Pages.Status}"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
