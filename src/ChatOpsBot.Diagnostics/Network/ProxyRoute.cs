using System.Net;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The proxy decision for probes, from <see cref="NetworkOptions"/> and HTTP(S)_PROXY/NO_PROXY. Used both by the
/// probe's HTTP handler (as its <see cref="IWebProxy"/>) and by the route stage (to report), so they agree.
/// (Placeholder signature: implemented by the network work.)
/// </summary>
public sealed class ProxyRoute : IWebProxy
{
    public ProxyRoute(NetworkOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
    }

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => throw new NotImplementedException();

    public bool IsBypassed(Uri host) => throw new NotImplementedException();

    /// <summary>The route to <paramref name="target"/>, for reporting.</summary>
    public RouteInfo Describe(Uri target, bool customBaseUrl) => throw new NotImplementedException();
}
