using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>Answers a proxy's 407 with the user-info of the proxy URL that HttpClient is talking to.</summary>
internal sealed class ProxyCredentials(IReadOnlyList<ProxySetting> settings) : ICredentials
{
    public NetworkCredential? GetCredential(Uri uri, string authType)
    {
        ArgumentNullException.ThrowIfNull(uri);
        foreach (var setting in settings)
        {
            if (setting.Credential is not null
                && string.Equals(setting.Address.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
                && setting.Address.Port == uri.Port)
            {
                return setting.Credential;
            }
        }

        return null;
    }
}
