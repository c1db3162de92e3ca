namespace ChatOpsBot.Diagnostics.Network;

/// <summary>The network stage's outcome.</summary>
/// <param name="Reachable">False when DNS, connect or TLS failed so an HTTP probe cannot succeed.</param>
/// <param name="Findings">Timed findings (DNS, connect, TLS), passing ones included.</param>
public sealed record NetworkResult(bool Reachable, IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// The TLS leaf certificate's issuer ("CN=WE1, O=Google Trust Services") when a direct handshake got that far,
    /// else null: the input of an expected-issuer (interception) check.
    /// </summary>
    public string? TlsIssuer { get; init; }

    /// <summary>The root of the certificate chain as this machine built it, when known.</summary>
    public string? TlsRoot { get; init; }
}
