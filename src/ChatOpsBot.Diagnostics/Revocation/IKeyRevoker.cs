namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>One provider's way of finding a leaked key through its admin API and revoking it.</summary>
public interface IKeyRevoker
{
    ProviderId Provider { get; }

    /// <summary>The provider's own admin host, used when <c>Revocation:&lt;Provider&gt;:BaseUrl</c> is not set.</summary>
    Uri DefaultAdminBaseUrl { get; }

    /// <summary>
    /// Identifies <see cref="RevocationRequest.LeakedKey"/> uniquely and revokes it (or, in a dry run, says what it
    /// would revoke). Expected failures are results, not exceptions; a cancelled token throws.
    /// </summary>
    Task<RevocationResult> RevokeAsync(RevocationRequest request, CancellationToken cancellationToken);
}
