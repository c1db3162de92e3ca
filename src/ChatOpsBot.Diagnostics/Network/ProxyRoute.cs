using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The proxy decision for probes, from <see cref="NetworkOptions"/> and HTTP(S)_PROXY/NO_PROXY. Used both by the
/// probe's HTTP handler (as its <see cref="IWebProxy"/>) and by the route stage (to report), so they agree.
/// </summary>
/// <remarks>
/// <see cref="NetworkOptions.Proxy"/> wins. Otherwise, when <see cref="NetworkOptions.UseEnvironmentProxy"/> is on,
/// https targets use https_proxy/HTTPS_PROXY and http targets http_proxy/HTTP_PROXY, falling back to
/// all_proxy/ALL_PROXY; as with curl and .NET, the lower-case variable wins over the upper-case one. NO_PROXY
/// (or <see cref="NetworkOptions.NoProxy"/>, which overrides it) follows curl; loopback targets always go direct.
/// An unusable value throws <see cref="ProxyConfigurationException"/> from the constructor.
/// </remarks>
public sealed class ProxyRoute : IWebProxy
{
    /// <summary>The setting name reported for <see cref="NetworkOptions.Proxy"/>.</summary>
    public const string ProxySettingName = NetworkOptions.SectionName + ":Proxy";

    /// <summary>The setting name reported for <see cref="NetworkOptions.NoProxy"/>.</summary>
    public const string NoProxySettingName = NetworkOptions.SectionName + ":NoProxy";

    /// <summary>What <see cref="RouteInfo.NoProxyMatched"/> says when a loopback target goes direct.</summary>
    public const string LoopbackBypass = "loopback (always direct)";

    private readonly ProxySetting? _explicit;
    private readonly ProxySetting? _http;
    private readonly ProxySetting? _https;
    private readonly ProxySetting? _all;
    private readonly NoProxyList _noProxy;

    public ProxyRoute(NetworkOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);

        if (options.Proxy is { } proxy)
        {
            // OriginalString: a bound "proxy:3128" becomes an absolute Uri with the scheme "proxy".
            _explicit = ProxySetting.Parse(proxy.OriginalString, ProxySettingName);
        }
        else if (options.UseEnvironmentProxy)
        {
            _http = FromEnvironment(environment, "http_proxy", "HTTP_PROXY");
            _https = FromEnvironment(environment, "https_proxy", "HTTPS_PROXY");
            _all = FromEnvironment(environment, "all_proxy", "ALL_PROXY");
        }

        if (options.NoProxy is not null)
        {
            _noProxy = NoProxyList.Parse(options.NoProxy);
        }
        else if (options.UseEnvironmentProxy)
        {
            _noProxy = NoProxyList.Parse(Lookup(environment, "no_proxy", "NO_PROXY")?.Value);
        }
        else
        {
            _noProxy = NoProxyList.Empty;
        }

        ProxySetting[] all = [.. new[] { _explicit, _http, _https, _all }.OfType<ProxySetting>()];
        Credentials = all.Any(s => s.Credential is not null) ? new ProxyCredentials(all) : null;
    }

    /// <summary>The user-info of the proxy URLs, so HttpClient can answer a 407.</summary>
    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy for <paramref name="destination"/> (without user-info), or null to go direct.</summary>
    public Uri? GetProxy(Uri destination) => Select(destination).Proxy?.Address;

    public bool IsBypassed(Uri host) => GetProxy(host) is null;

    /// <summary>The route to <paramref name="target"/>, for reporting. Never holds credentials.</summary>
    public RouteInfo Describe(Uri target, bool customBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (proxy, noProxyMatched) = Select(target);
        return new RouteInfo(target, proxy?.Address, proxy?.Source, noProxyMatched, customBaseUrl)
        {
            ProxySchemeAssumed = proxy?.SchemeAssumed ?? false,
        };
    }

    private (ProxySetting? Proxy, string? NoProxyMatched) Select(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var candidate = _explicit ?? destination.Scheme.ToLowerInvariant() switch
        {
            "https" or "wss" => _https ?? _all,
            "http" or "ws" => _http ?? _all,
            _ => _all,
        };
        if (candidate is null)
        {
            return (null, null);
        }

        if (IsLoopback(destination))
        {
            return (null, LoopbackBypass);
        }

        return _noProxy.Match(destination) is { } entry ? (null, entry) : (candidate, null);
    }

    private static bool IsLoopback(Uri destination)
    {
        if (destination.IsLoopback)
        {
            return true;
        }

        var host = destination.IdnHost.TrimEnd('.');
        return host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (destination.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                && IPAddress.TryParse(host, out var ip)
                && AddressClassifier.IsLoopback(ip));
    }

    private static ProxySetting? FromEnvironment(Func<string, string?> environment, string lower, string upper) =>
        Lookup(environment, lower, upper) is { } found ? ProxySetting.Parse(found.Value, found.Name) : null;

    private static (string Name, string Value)? Lookup(Func<string, string?> environment, string lower, string upper)
    {
        foreach (var name in (string[])[lower, upper])
        {
            if (environment(name) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return (name, value);
            }
        }

        return null;
    }
}
