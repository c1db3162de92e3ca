using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>How the network stage checks a proxy route (see <see cref="NetworkProbeOptions.ProxyChecks"/>).</summary>
public sealed record ProxyCheckOptions
{
    /// <summary>Also try the direct route (<see cref="NetworkOptions.TryDirect"/>).</summary>
    public bool TryDirect { get; init; } = true;

    /// <summary>How long the proxy may take to answer CONNECT, and the direct route to connect.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The proxy's credentials, from the user-info of its URL (never shown).</summary>
    public Func<Uri, NetworkCredential?> Credentials { get; init; } = _ => null;
}
