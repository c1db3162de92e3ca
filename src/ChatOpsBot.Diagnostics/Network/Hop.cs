namespace ChatOpsBot.Diagnostics.Network;

/// <summary>The first hop of a route: host and port only, so no credentials can reach a finding.</summary>
internal sealed record Hop(string Host, int Port, bool IsProxy, bool IsHttps)
{
    public string Display => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public string What => IsProxy ? $"the proxy {Display}" : Host;

    public static Hop Of(RouteInfo route)
    {
        var uri = route.Proxy ?? route.Target;
        var host = uri.IdnHost.TrimStart('[').TrimEnd(']');
        var port = uri.Port > 0
            ? uri.Port
            : uri.Scheme.StartsWith("socks", StringComparison.OrdinalIgnoreCase) ? 1080 : 443;
        return new Hop(host, port, route.Proxy is not null, string.Equals(route.Target.Scheme, "https", StringComparison.OrdinalIgnoreCase));
    }
}
