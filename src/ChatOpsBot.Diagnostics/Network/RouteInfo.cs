namespace ChatOpsBot.Diagnostics.Network;

/// <summary>How a probe reaches its target.</summary>
/// <param name="Target">The URL the auth probe will request.</param>
/// <param name="Proxy">The proxy the request goes through (never with user-info), or null for a direct connection.</param>
/// <param name="ProxySource">Where the proxy came from ("HTTPS_PROXY", "Network:Proxy"), or null.</param>
/// <param name="NoProxyMatched">The NO_PROXY entry that sent this host direct, or null.</param>
/// <param name="CustomBaseUrl">True when the target is not the provider's own host (a gateway or local fake).</param>
public sealed record RouteInfo(Uri Target, Uri? Proxy, string? ProxySource, string? NoProxyMatched, bool CustomBaseUrl)
{
    /// <summary>True when the proxy value had no scheme (<c>proxy:3128</c>) and http:// was assumed.</summary>
    public bool ProxySchemeAssumed { get; init; }
}
