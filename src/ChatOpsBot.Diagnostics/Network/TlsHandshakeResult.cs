using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>What a TLS handshake showed: the certificate, whether it was trusted, and how long it took.</summary>
internal sealed record TlsHandshakeResult(bool Succeeded, double ElapsedMs)
{
    public string? Issuer { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public string? Root { get; init; }

    public SslPolicyErrors PolicyErrors { get; init; }

    public X509ChainStatusFlags ChainStatus { get; init; }

    public string? Protocol { get; init; }

    public string? CipherSuite { get; init; }

    public string? ApplicationProtocol { get; init; }

    /// <summary>Why it failed, in words, when it did.</summary>
    public string? FailureReason { get; init; }
}
