namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>One provider's endpoint settings.</summary>
public sealed class ProviderEndpoint
{
    /// <summary>The API root; null means the provider's own host.</summary>
    public Uri? BaseUrl { get; set; }
}
