using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>One parsed proxy URL: the address without user-info, where it came from, and its credentials.</summary>
internal sealed class ProxySetting
{
    private static readonly string[] SupportedSchemes = ["http", "https", "socks4", "socks4a", "socks5"];

    private ProxySetting(Uri address, string source, bool schemeAssumed, NetworkCredential? credential)
    {
        Address = address;
        Source = source;
        SchemeAssumed = schemeAssumed;
        Credential = credential;
    }

    /// <summary>scheme://host:port, never any user-info.</summary>
    public Uri Address { get; }

    public string Source { get; }

    /// <summary>True when the value had no scheme (<c>proxy:3128</c>) and http:// was assumed, as curl does.</summary>
    public bool SchemeAssumed { get; }

    public NetworkCredential? Credential { get; }

    /// <summary>Parses <paramref name="value"/>; throws <see cref="ProxyConfigurationException"/> naming <paramref name="source"/>.</summary>
    public static ProxySetting Parse(string value, string source)
    {
        var text = value.Trim();
        var schemeAssumed = false;
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
            schemeAssumed = true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ProxyConfigurationException(source, "it is not a proxy URL such as http://proxy.example.com:3128");
        }

        var scheme = uri.Scheme.ToLowerInvariant();
        if (!SupportedSchemes.Contains(scheme))
        {
            throw new ProxyConfigurationException(
                source, $"the scheme \"{scheme}\" is not supported (use http, https, socks4, socks4a or socks5)");
        }

        var port = uri.Port > 0 ? uri.Port : scheme.StartsWith("socks", StringComparison.Ordinal) ? 1080 : 80;
        var address = new UriBuilder(scheme, uri.Host, port).Uri;
        return new ProxySetting(address, source, schemeAssumed, CredentialOf(uri));
    }

    private static NetworkCredential? CredentialOf(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
        var password = colon < 0 ? string.Empty : uri.UserInfo[(colon + 1)..];
        return new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
    }
}
