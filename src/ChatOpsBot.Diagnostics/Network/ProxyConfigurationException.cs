namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// A proxy setting (Network:Proxy, HTTPS_PROXY...) that cannot be used. The message names the setting and never
/// holds its value, which may contain a password.
/// </summary>
public sealed class ProxyConfigurationException : Exception
{
    public ProxyConfigurationException()
    {
    }

    public ProxyConfigurationException(string message)
        : base(message)
    {
    }

    public ProxyConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProxyConfigurationException(string setting, string reason)
        : base($"The proxy setting {setting} cannot be used: {reason}. (Its value is not shown: it may hold a password.)") =>
        Setting = setting;

    /// <summary>The setting at fault: "Network:Proxy", "HTTPS_PROXY", "https_proxy"...</summary>
    public string? Setting { get; }
}
