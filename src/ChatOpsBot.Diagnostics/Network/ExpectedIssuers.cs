namespace ChatOpsBot.Diagnostics.Network;

/// <summary>The usual issuers of a provider host's certificate, from <c>Data/tls-issuers.json</c>.</summary>
public sealed record ExpectedIssuers(IReadOnlyList<string> Hosts, IReadOnlyList<string> Organizations, string Source, string Retrieved)
{
    /// <summary>True when <paramref name="issuer"/> ("CN=WE1, O=Google Trust Services") names one of the organisations.</summary>
    public bool Matches(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return Organizations.Any(o => issuer.Contains("O=" + o, StringComparison.OrdinalIgnoreCase));
    }
}
