namespace ChatOpsBot.Diagnostics.Network;

/// <summary>Settings of section <c>Network</c>.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>An explicit proxy URL for probes (overrides HTTP(S)_PROXY).</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Hosts that bypass the proxy, comma-separated, as NO_PROXY (overrides NO_PROXY when set).</summary>
    public string? NoProxy { get; set; }

    /// <summary>Whether HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY are honoured.</summary>
    public bool UseEnvironmentProxy { get; set; } = true;
}
