namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Settings of section <c>Providers</c>: each provider's API root (README, Configuration).</summary>
public sealed class ProviderBaseUrls
{
    public const string SectionName = "Providers";

    public ProviderEndpoint OpenAI { get; set; } = new();

    public ProviderEndpoint Anthropic { get; set; } = new();

    public ProviderEndpoint Gemini { get; set; } = new();

    public Uri? For(ProviderId id) => id switch
    {
        ProviderId.OpenAI => OpenAI.BaseUrl,
        ProviderId.Anthropic => Anthropic.BaseUrl,
        ProviderId.Gemini => Gemini.BaseUrl,
        _ => null,
    };
}
