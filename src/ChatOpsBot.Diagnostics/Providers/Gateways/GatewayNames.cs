namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>
/// The fixed names of evidence key <c>gateway</c> (docs/contract.md, JSON), and how people read them.
/// </summary>
public static class GatewayNames
{
    public const string LiteLLM = "litellm";
    public const string OneApi = "one-api";
    public const string NewApi = "new-api";
    public const string Vllm = "vllm";
    public const string Ollama = "ollama";
    public const string LmStudio = "lm-studio";
    public const string CloudflareAiGateway = "cloudflare-ai-gateway";
    public const string Portkey = "portkey";
    public const string Helicone = "helicone";
    public const string OpenRouter = "openrouter";

    /// <summary>Every name, in the contract's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [LiteLLM, OneApi, NewApi, Vllm, Ollama, LmStudio, CloudflareAiGateway, Portkey, Helicone, OpenRouter];

    /// <summary>"LiteLLM", "one-api", "Cloudflare AI Gateway"...</summary>
    public static string Display(string name) => name switch
    {
        LiteLLM => "LiteLLM",
        Vllm => "vLLM",
        Ollama => "Ollama",
        LmStudio => "LM Studio",
        CloudflareAiGateway => "Cloudflare AI Gateway",
        Portkey => "Portkey",
        Helicone => "Helicone",
        OpenRouter => "OpenRouter",
        _ => name,
    };

    /// <summary>
    /// True for servers that relay to an upstream provider with keys of their own (so an upstream failure is the
    /// operator's); false for model servers (vLLM, Ollama, LM Studio), which are the model themselves.
    /// </summary>
    public static bool HasUpstream(string name) => name is not (Vllm or Ollama or LmStudio);
}
