using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI's portal pages, and the steps where the shared text is wrong for it: the endpoint is the resource's
/// own, a "model" is a deployment, a refused network is the resource's Networking settings.
/// </summary>
internal static class AzureOpenAINextSteps
{
    private const string KeysAndEndpoint = "Azure portal → your Azure OpenAI resource → Resource Management → Keys and Endpoint (https://portal.azure.com)";

    public static ProviderPages Pages { get; } = new(
        Keys: KeysAndEndpoint,
        Billing: "https://portal.azure.com/#view/Microsoft_Azure_Billing/SubscriptionsBladeV2",
        Limits: "https://aka.ms/oai/quotaincrease",
        Console: "https://portal.azure.com",
        Status: "https://azure.status.microsoft/status",
        Regions: "https://learn.microsoft.com/azure/ai-services/openai/concepts/models",
        EnableApi: "https://portal.azure.com",
        Models: "https://ai.azure.com (your project → Deployments)",
        Host: "<resource>.openai.azure.com",
        ProbeUrl: "\"$AZURE_OPENAI_ENDPOINT/openai/models?api-version=2024-10-21\" -H \"api-key: $AZURE_OPENAI_API_KEY\"",
        HeaderHint: "api-key: <key>");

    public static IReadOnlyDictionary<string, CatalogEntry> Overrides { get; } = new Dictionary<string, CatalogEntry>
    {
        [VerdictCodes.AuthInvalidKey] = new("The key was rejected (or it belongs to another resource)", [
            $"Copy KEY 1 and the Endpoint of the same resource from {KeysAndEndpoint}",
            "Azure gives the same answer for a wrong key and for a key of another resource or region: check AZURE_OPENAI_ENDPOINT matches the key.",
            "An OpenAI platform key (sk-…) does not work on Azure: use the resource's key."]),
        [VerdictCodes.AuthWrongHeader] = new("The key was sent as a bearer token", [
            "A resource key goes in the api-key header; Authorization: Bearer is for Microsoft Entra ID tokens.",
            "In the SDKs, pass it as api_key / AzureKeyCredential, not as an Entra token provider."]),
        [VerdictCodes.AuthMissingKey] = new("No key reached the resource (or its API Management gateway)", [
            "Send the key in the api-key header.",
            "Behind Azure API Management (a custom domain or *.azure-api.net), the gateway reads its own header (default Ocp-Apim-Subscription-Key): ask its owner which."]),
        [VerdictCodes.AuthPermissionDenied] = new("The resource does not accept this key", [
            "Key-based authentication may be switched off for the resource (disableLocalAuth): use Microsoft Entra ID, or ask its owner to allow keys.",
            $"Check the resource's settings: {KeysAndEndpoint}"]),
        [VerdictCodes.NetworkIpNotAllowed] = new("The resource refuses this network", [
            "The key was not judged: the resource's firewall, virtual network or private endpoint refuses where this request comes from.",
            "Azure portal → the resource → Resource Management → Networking: add this machine's outbound IP, or allow its virtual network.",
            "Private endpoint only? Run this from inside that network, and check the endpoint's host resolves to the private IP (nslookup)."]),
        [VerdictCodes.ModelNotFound] = new("That deployment does not exist on this resource", [
            "--model takes the deployment name you chose, not the model name (e.g. my-gpt-4o, not gpt-4o).",
            "List the resource's deployments: https://ai.azure.com (your project → Deployments), or az cognitiveservices account deployment list.",
            "A deployment made in the last 5 minutes may not answer yet: wait, then run this again."]),
        [VerdictCodes.RequestInvalid] = new("The request did not fit the resource", [
            "No endpoint? Set AZURE_OPENAI_ENDPOINT (or pass --base-url) to the resource's endpoint, e.g. https://<resource>.openai.azure.com",
            "Use the endpoint exactly as shown in Keys and Endpoint: no extra path, no trailing /openai/deployments/…",
            "An api-version refused: this tool sends 2024-10-21 (GA); a gateway in front may accept other versions only."]),
        [VerdictCodes.RateLimited] = new("The deployment's rate limit was hit", [
            "Wait for the time in retry-after and retry with backoff.",
            "A wait of 86400 s means a per-day quota: raise the deployment's tokens-per-minute in https://ai.azure.com (Deployments → Edit).",
            "Request more quota: https://aka.ms/oai/quotaincrease"]),
        [VerdictCodes.ProviderOverloaded] = new("Azure is under high demand", [
            "Retry in a minute with backoff: this is Azure's peak load, not your deployment's limit.",
            "Steady traffic that must not be refused needs Provisioned Throughput.",
            "Check the status page: https://azure.status.microsoft/status"]),
    };
}
