using ChatOpsBot.Diagnostics.NextSteps;

namespace ChatOpsBot.Diagnostics.Providers.OpenAICompatible;

/// <summary>An OpenAI-compatible server's "pages": its operator and its own endpoints, as there is no console to link.</summary>
internal static class OpenAICompatibleNextSteps
{
    public static ProviderPages Pages { get; } = new(
        Keys: "the server's key or token page (ask its operator: LiteLLM's /key/info, one-api's Tokens page)",
        Billing: "your balance or budget on the server (ask its operator)",
        Limits: "the key's limits on the server (ask its operator)",
        Console: "the server's admin page (ask its operator)",
        Status: "the server's health endpoint (LiteLLM: /health/readiness; vLLM: /health) or its operator",
        Regions: "the server's operator (the upstream provider's supported countries apply to the server's egress)",
        EnableApi: "the server's settings (ask its operator)",
        Models: "the server's GET /v1/models list",
        Host: "the base URL's host",
        ProbeUrl: "\"$OPENAI_COMPATIBLE_BASE_URL/models\" -H \"Authorization: Bearer $OPENAI_COMPATIBLE_API_KEY\"",
        HeaderHint: "Authorization: Bearer <key>");
}
