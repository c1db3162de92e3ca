using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ChatOpsBot.Diagnostics.Network;

/// <summary>
/// The TLS phase of <see cref="NetworkProbe"/>: a handshake over an open socket, timed, that records the certificate
/// (issuer, subject, root) even when it is refused.
/// </summary>
/// <param name="timeProvider">Times the handshake.</param>
/// <param name="trustedRoots">Roots trusted instead of the machine's store (<see cref="NetworkProbeOptions.TrustedRoots"/>); null: the machine's store.</param>
internal sealed class TlsHandshaker(TimeProvider timeProvider, X509Certificate2Collection? trustedRoots)
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    /// <summary>
    /// The TLS phase of a route: handshakes with <paramref name="hop"/>, judges the issuer against the provider's usual
    /// CAs unless a custom base URL is in use, adds the findings, and ends the route's result.
    /// </summary>
    public async Task<NetworkResult> CheckAsync(Socket socket, Hop hop, ProviderId provider, bool customBaseUrl, List<Finding> findings, CancellationToken cancellationToken)
    {
        var tls = await HandshakeAsync(socket, hop.Host, cancellationToken).ConfigureAwait(false);
        var intercepted = customBaseUrl ? null : InterceptionCheck.Check(hop, provider, tls);
        if (tls.Succeeded || intercepted is null)
        {
            findings.Add(tls.Succeeded ? NetworkFindings.TlsPassed(hop, tls) : NetworkFindings.TlsFailed(hop, provider, tls));
        }

        if (intercepted is not null)
        {
            findings.Add(intercepted);
        }

        return new NetworkResult(tls.Succeeded, findings) { TlsIssuer = tls.Issuer, TlsRoot = tls.Root };
    }

    /// <summary>
    /// A TLS handshake over <paramref name="socket"/> with SNI = <paramref name="host"/>, validated as HttpClient would
    /// (no revocation check). The certificate is recorded even when it is refused, so an interception shows its issuer.
    /// </summary>
    public async Task<TlsHandshakeResult> HandshakeAsync(Socket socket, string host, CancellationToken cancellationToken)
    {
        var capture = new CertificateCapture();
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = capture.Validate,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        };
        if (trustedRoots is { Count: > 0 } roots)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            options.CertificateChainPolicy = policy;
        }
        else
        {
            options.CertificateRevocationCheckMode = X509RevocationMode.NoCheck;
        }

        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var start = timeProvider.GetTimestamp();
        try
        {
            await stream.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            // A cancelled read can surface as an IOException: cancellation still wins, so the engine names the phase.
            cancellationToken.ThrowIfCancellationRequested();
            return capture.ToResult(false, ElapsedMs(start)) with { FailureReason = capture.Explain(host, ex) };
        }

        return capture.ToResult(true, ElapsedMs(start)) with
        {
            Protocol = stream.SslProtocol.ToString(),
            CipherSuite = stream.NegotiatedCipherSuite.ToString(),
            ApplicationProtocol = stream.NegotiatedApplicationProtocol == default
                ? null
                : stream.NegotiatedApplicationProtocol.ToString(),
        };
    }

    private double ElapsedMs(long start) => Math.Round(timeProvider.GetElapsedTime(start).TotalMilliseconds, 2);

    /// <summary>"CN=WE1, O=Google Trust Services": the parts of a name that identify a CA.</summary>
    internal static string FormatName(X500DistinguishedName name)
    {
        var parts = new List<string>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var label = rdn.GetSingleElementType().Value switch
            {
                CommonNameOid => "CN",
                OrganizationOid => "O",
                _ => null,
            };
            if (label is not null)
            {
                parts.Add($"{label}={rdn.GetSingleElementValue()}");
            }
        }

        // CN first, as people read it; fall back to the whole name when it has neither.
        parts.Sort((a, b) => string.CompareOrdinal(a[..2], b[..2]));
        return parts.Count > 0 ? string.Join(", ", parts) : name.Name;
    }

    private sealed class CertificateCapture
    {
        private bool _called;
        private string? _issuer;
        private string? _subject;
        private DateTimeOffset? _notAfter;
        private string? _root;
        private SslPolicyErrors _errors;
        private X509ChainStatusFlags _chainStatus;

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            _called = true;
            _errors = errors;
            if (certificate is X509Certificate2 leaf)
            {
                _issuer = FormatName(leaf.IssuerName);
                _subject = FormatName(leaf.SubjectName);
                _notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            }
            else if (certificate is not null)
            {
                _issuer = certificate.Issuer;
                _subject = certificate.Subject;
            }

            if (chain is { ChainElements.Count: > 0 })
            {
                _root = FormatName(chain.ChainElements[chain.ChainElements.Count - 1].Certificate.SubjectName);
                foreach (var status in chain.ChainStatus)
                {
                    _chainStatus |= status.Status;
                }
            }

            return errors == SslPolicyErrors.None;
        }

        public TlsHandshakeResult ToResult(bool succeeded, double elapsedMs) => new(succeeded, elapsedMs)
        {
            Issuer = _issuer,
            Subject = _subject,
            NotAfter = _notAfter,
            Root = _root,
            PolicyErrors = _errors,
            ChainStatus = _chainStatus,
        };

        public string Explain(string host, Exception ex)
        {
            if (!_called)
            {
                return ex is IOException
                    ? "the connection was closed or reset during the handshake, before any certificate arrived "
                      + "(a firewall or filter that reads the server name (SNI) may be blocking this host)"
                    : $"the handshake failed before any certificate was checked ({ex.Message})";
            }

            var reasons = new List<string>();
            if (_errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                reasons.Add("the server sent no certificate (RemoteCertificateNotAvailable)");
            }

            if (_errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                reasons.Add($"the certificate is not valid for {host} (RemoteCertificateNameMismatch): "
                    + "this is not the server the name belongs to, or something in between answered for it");
            }

            if (_errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                const X509ChainStatusFlags Untrusted = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;
                if ((_chainStatus & Untrusted) != 0)
                {
                    reasons.Add($"the certificate chain ends in a root this machine does not trust ({_chainStatus & Untrusted}): "
                        + "typical of a proxy, antivirus or gateway intercepting HTTPS, or of missing CA certificates");
                }

                if (_chainStatus.HasFlag(X509ChainStatusFlags.NotTimeValid))
                {
                    var until = _notAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown";
                    reasons.Add($"the certificate is expired or not yet valid (NotTimeValid, valid until {until}): "
                        + "check this machine's clock");
                }

                var other = _chainStatus & ~(Untrusted | X509ChainStatusFlags.NotTimeValid);
                if (other != X509ChainStatusFlags.NoError || _chainStatus == X509ChainStatusFlags.NoError)
                {
                    reasons.Add($"the certificate chain was refused ({other})");
                }
            }

            return reasons.Count > 0 ? string.Join("; ", reasons) : ex.Message;
        }
    }
}
