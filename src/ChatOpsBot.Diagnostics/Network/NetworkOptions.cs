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

    /// <summary>Whether the egress stage asks the provider side where this machine's traffic comes from.</summary>
    public bool CheckEgress { get; set; } = true;

    /// <summary>How long the egress trace may take; it is context, so it must not eat the key check's time.</summary>
    public TimeSpan EgressTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Per provider (<c>Network:EgressTraceUrls:OpenAI</c>...), a Cloudflare-style trace URL answering <c>ip=</c> and
    /// <c>loc=</c> lines, replacing the built-in one. Set, it is used even with a custom base URL (tests, or a gateway
    /// known to share this machine's egress).
    /// </summary>
    public Dictionary<string, Uri> EgressTraceUrls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A second DNS server asked directly over UDP ("1.1.1.1", "127.0.0.1:5353", "[2606:4700:4700::1111]:53").</summary>
    public string? DnsServer { get; set; }

    /// <summary>How long the second DNS server may take to answer.</summary>
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>With a proxy in the route, whether the direct route is also tried, to tell which one works.</summary>
    public bool TryDirect { get; set; } = true;

    /// <summary>How long an IPv6 connection may take, once IPv4 has connected, before IPv6 counts as broken.</summary>
    public TimeSpan Ipv6Timeout { get; set; } = TimeSpan.FromSeconds(3);
}
