namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// Settings of section <c>Revocation</c>: whether a key pasted where others can read it is also revoked through its
/// provider's admin API. Off unless <see cref="Enabled"/>; then each provider is on only when its admin (management)
/// key is configured (<c>Revocation:&lt;Provider&gt;:AdminKeyEnv</c> or <c>AdminKeyFile</c>).
/// </summary>
public sealed class RevocationOptions
{
    public const string SectionName = "Revocation";

    /// <summary>The master switch (<c>false</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>Say what would be revoked, change nothing (<c>false</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>The bound on one revocation, every admin API call included (<c>00:00:20</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>OpenAI: an Admin API key (<c>sk-admin-…</c>); admin host <c>https://api.openai.com</c>.</summary>
    public RevocationProviderOptions OpenAI { get; set; } = new();

    /// <summary>Anthropic: an Admin API key (<c>sk-ant-admin01-…</c>); admin host <c>https://api.anthropic.com</c>.</summary>
    public RevocationProviderOptions Anthropic { get; set; } = new();

    /// <summary>xAI: a management key; admin host <c>https://management-api.x.ai</c>.</summary>
    public RevocationProviderOptions XAI { get; set; } = new();

    /// <summary>OpenRouter: a management (provisioning) key; admin root <c>https://openrouter.ai/api</c>.</summary>
    public RevocationProviderOptions OpenRouter { get; set; } = new();

    /// <summary>Gemini: a Google Cloud service account (<see cref="RevocationProviderOptions.ServiceAccountFile"/>).</summary>
    public RevocationProviderOptions Gemini { get; set; } = new();

    /// <summary>The settings of <paramref name="provider"/>, or null for a provider without an admin API we use.</summary>
    public RevocationProviderOptions? For(ProviderId provider) => provider switch
    {
        ProviderId.OpenAI => OpenAI,
        ProviderId.Anthropic => Anthropic,
        ProviderId.XAI => XAI,
        ProviderId.OpenRouter => OpenRouter,
        ProviderId.Gemini => Gemini,
        _ => null,
    };

    /// <summary>Every provider section with its settings name, in order.</summary>
    public IEnumerable<(string Name, RevocationProviderOptions Options)> Sections()
    {
        yield return (nameof(OpenAI), OpenAI);
        yield return (nameof(Anthropic), Anthropic);
        yield return (nameof(XAI), XAI);
        yield return (nameof(OpenRouter), OpenRouter);
        yield return (nameof(Gemini), Gemini);
    }
}
