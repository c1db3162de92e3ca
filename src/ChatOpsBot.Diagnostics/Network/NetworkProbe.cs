using ChatOpsBot.Diagnostics.Engine;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// DNS (A and AAAA together), TCP connect and TLS handshake to the route's first hop, each timed.
/// (Placeholder signature: implemented by the network work.)
/// </summary>
public sealed class NetworkProbe
{
    public NetworkProbe(TimeProvider timeProvider) => ArgumentNullException.ThrowIfNull(timeProvider);

    public Task<NetworkResult> RunAsync(RouteInfo route, ProviderId provider, PhaseTracker phase, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
